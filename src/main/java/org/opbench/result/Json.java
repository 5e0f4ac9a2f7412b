package org.opbench.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON configuration of opbench: snake_case keys, nulls written, unknown keys tolerated on reading. */
public final class Json {
    /**
     * Result-file schema version; bump when a documented key is renamed or changes meaning. 2: points are timed in
     * rounds and {@code unstable} means a wide confidence interval (issue 15); version 1 files are still read.
     */
    public static final int SCHEMA = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
