package org.opbench.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.opbench.result.Json;

/**
 * One typed message of the worker protocol. On the wire each is a line {@value #PREFIX}{@code {json}} on the
 * worker's original standard output: {@code {"event":"start","unit":N}}, {@code {"event":"record","unit":N,
 * "record":{...}}}, {@code {"event":"done"}}; a served worker ({@link ServedJob}) also sends
 * {@code {"event":"ready","units":[...],"steps":N}} and {@code {"event":"stepped","unit":N,"again":B}}. Lines without
 * the prefix are a native library's output, kept as log.
 */
public sealed interface Frame {
    String PREFIX = "@opbench ";

    /** Unit {@code unit} begins. */
    record Start(int unit) implements Frame {
    }

    /** A record of unit {@code unit}, as JSON (the job's client reads it back). */
    record Record(int unit, JsonNode record) implements Frame {
    }

    /** The worker finished every unit. */
    record Done() implements Frame {
    }

    /**
     * A served worker has prepared its units and waits for commands: {@code units} are the ones that take
     * {@code steps} steps each (rounds); the others it was given are already recorded or left for the end.
     */
    record Ready(java.util.List<Integer> units, int steps) implements Frame {
        public Ready {
            units = java.util.List.copyOf(units);
        }
    }

    /** A step of {@code unit} ran and the unit is not finished; {@code again}: it wants one more step later. */
    record Stepped(int unit, boolean again) implements Frame {
    }

    /** The line that carries this frame (without the line break). */
    default String line() {
        ObjectNode n = Json.mapper().createObjectNode();
        if (this instanceof Start s) {
            n.put("event", "start").put("unit", s.unit());
        } else if (this instanceof Record r) {
            n.put("event", "record").put("unit", r.unit()).set("record", r.record());
        } else if (this instanceof Ready r) {
            n.put("event", "ready").put("steps", r.steps());
            r.units().forEach(n.putArray("units")::add);
        } else if (this instanceof Stepped s) {
            n.put("event", "stepped").put("unit", s.unit()).put("again", s.again());
        } else {
            n.put("event", "done");
        }
        return PREFIX + n;
    }

    /** The frame a protocol line carries; null for a line without the prefix. */
    static Frame parse(String line) throws IOException {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        JsonNode n = Json.mapper().readTree(line.substring(PREFIX.length()));
        return switch (n.path("event").asText()) {
            case "start" -> new Start(n.path("unit").asInt());
            case "record" -> new Record(n.path("unit").asInt(), n.get("record"));
            case "done" -> new Done();
            case "ready" -> {
                java.util.List<Integer> units = new java.util.ArrayList<>();
                n.path("units").forEach(u -> units.add(u.asInt()));
                yield new Ready(units, n.path("steps").asInt());
            }
            case "stepped" -> new Stepped(n.path("unit").asInt(), n.path("again").asBoolean());
            default -> throw new IOException("unknown worker frame: " + line);
        };
    }
}
