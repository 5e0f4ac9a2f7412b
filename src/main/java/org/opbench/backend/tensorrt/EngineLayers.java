package org.opbench.backend.tensorrt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The layers of a built engine, from {@code IEngineInspector::getEngineInformation(kJSON)}: with
 * {@code ProfilingVerbosity::kDETAILED} each layer is an object with at least {@code Name}, {@code LayerType} and
 * (for layers that run a kernel) {@code TacticName}; with {@code kLAYER_NAMES_ONLY} the layers are plain strings.
 * Parsing is pure and tolerant: fields that are absent stay empty.
 */
public final class EngineLayers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One engine layer. */
    public record Layer(String name, String type, String tactic) {
        /** What the impl string shows for the layer: its tactic, else its type, else its name. */
        public String label() {
            return !tactic.isEmpty() ? tactic : !type.isEmpty() ? type : name;
        }
    }

    private EngineLayers() {
    }

    /** The layers in engine order; empty when the text is not engine information. */
    public static List<Layer> parse(String json) {
        List<Layer> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            return out;
        }
        JsonNode layers = root == null ? null : root.get("Layers");
        if (layers == null || !layers.isArray()) {
            return out;
        }
        for (JsonNode l : layers) {
            if (l.isTextual()) {
                out.add(new Layer(l.asText(), "", ""));
            } else if (l.isObject()) {
                out.add(new Layer(text(l, "Name"), text(l, "LayerType"), text(l, "TacticName")));
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /**
     * {@code trt:PRECISION:label1+label2...} (labels lower-cased), or {@code trt:PRECISION}: a name for people; the
     * tolerance follows {@link Precision#execution}, not this string.
     */
    public static String impl(String precision, List<Layer> layers) {
        if (layers.isEmpty()) {
            return "trt:" + precision;
        }
        StringBuilder sb = new StringBuilder("trt:").append(precision).append(':');
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0) {
                sb.append('+');
            }
            sb.append(layers.get(i).label().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
