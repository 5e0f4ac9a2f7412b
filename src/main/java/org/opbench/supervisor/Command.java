package org.opbench.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.opbench.result.Json;

/**
 * What the supervisor tells a served worker ({@link ServedJob}), one JSON line each on the worker's standard input
 * after the job: {@code {"cmd":"step","unit":N,"seq":S}} runs one step (a round) of unit N, S being its place in the
 * driver's order; {@code {"cmd":"finish"}} ends the serving (the worker measures what it left for the end, closes
 * everything and sends {@code done}).
 */
public sealed interface Command {
    /** Run one step of {@code unit}; {@code seq} is its place in the order across workers. */
    record Step(int unit, int seq) implements Command {
    }

    /** No more steps: finish and send {@code done}. */
    record Finish() implements Command {
    }

    /** The line that carries this command (without the line break). */
    default String line() {
        ObjectNode n = Json.mapper().createObjectNode();
        if (this instanceof Step s) {
            n.put("cmd", "step").put("unit", s.unit()).put("seq", s.seq());
        } else {
            n.put("cmd", "finish");
        }
        return n.toString();
    }

    /** The command a line carries; {@link Finish} at the end of the input (the driver is gone). */
    static Command parse(String line) throws IOException {
        if (line == null) {
            return new Finish();
        }
        JsonNode n = Json.mapper().readTree(line);
        return switch (n.path("cmd").asText()) {
            case "step" -> new Step(n.path("unit").asInt(), n.path("seq").asInt());
            case "finish" -> new Finish();
            default -> throw new IOException("unknown supervisor command: " + line);
        };
    }
}
