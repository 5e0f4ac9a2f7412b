package org.opbench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.Record;

/**
 * Worker-to-driver messages: one line each on the worker's original standard output, prefixed with
 * {@link #PREFIX} so that anything a native library prints there is told apart (and passed on as log).
 * Events: {@code start} (a task begins), {@code point} (its record), {@code record} (a record of another kind, such
 * as a network or layer record), {@code done} (all tasks finished).
 */
public final class Protocol implements Sink {
    public static final String PREFIX = "@opbench ";

    private final PrintStream out;

    Protocol(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(int task) {
        send(Json.mapper().createObjectNode().put("event", "start").put("task", task));
    }

    @Override
    public void point(int task, PointRecord point) {
        ObjectNode n = Json.mapper().createObjectNode().put("event", "point").put("task", task);
        n.set("point", Json.mapper().valueToTree(point));
        send(n);
    }

    @Override
    public void otherRecord(int task, Record record) {
        ObjectNode n = Json.mapper().createObjectNode().put("event", "record").put("task", task);
        n.set("record", Json.mapper().valueToTree(record));
        send(n);
    }

    @Override
    public void done() {
        send(Json.mapper().createObjectNode().put("event", "done"));
    }

    private synchronized void send(ObjectNode node) {
        out.print(PREFIX + node + "\n");
        out.flush();
        if (out.checkError()) {
            // the driver is gone: nobody will read what this worker measures
            throw new IllegalStateException("driver closed the worker's output");
        }
    }

    /** The event of a protocol line, or null for any other line. */
    public static JsonNode parse(String line) throws IOException {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        return Json.mapper().readTree(line.substring(PREFIX.length()));
    }

    public static PointRecord point(JsonNode event) throws IOException {
        return Json.mapper().treeToValue(event.get("point"), PointRecord.class);
    }
}
