package org.opbench.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.Problems;

/**
 * One point to measure in a worker: a problem (batch applied, with its name) with its algorithm and tuner. The
 * worker's backend and thread count are the job's. The problem travels as data: the planner's object in the driver,
 * written once as its operator and full descriptor, and read back once in the worker.
 */
public record Task(int index,
                   @JsonSerialize(using = Task.ProblemOut.class) @JsonDeserialize(using = Task.ProblemIn.class)
                   Problem problem,
                   String network, int repeat, String algorithm, String tuner) {

    /** Writes a problem as {@code {"op": "conv", "dtype": "int8", "descriptor": "mb1ic3...n\"name\""}}. */
    static final class ProblemOut extends JsonSerializer<Problem> {
        @Override
        public void serialize(Problem p, JsonGenerator g, SerializerProvider s) throws IOException {
            g.writeStartObject();
            g.writeStringField("op", p.op().id());
            g.writeStringField("dtype", p.dtype().id());
            g.writeStringField("descriptor", p.toString());
            g.writeEndObject();
        }
    }

    /** Reads what {@link ProblemOut} wrote. */
    static final class ProblemIn extends JsonDeserializer<Problem> {
        @Override
        public Problem deserialize(JsonParser parser, DeserializationContext c) throws IOException {
            JsonNode n = parser.readValueAsTree();
            return Problems.parse(Op.parse(n.path("op").asText()), n.path("descriptor").asText(),
                    Precision.parse(n.path("dtype").asText(Precision.F32.id())));
        }
    }
}
