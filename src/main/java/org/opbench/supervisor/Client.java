package org.opbench.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.opbench.result.Status;

/**
 * What a driver tells the {@link Supervisor} about its job kind: what to do with a record, and how to make the
 * record of a unit that was not measured (a worker that died or timed out on it, a backend that is unavailable).
 */
public interface Client<J extends Job<J>> {
    /** A record the worker reported for {@code unit} (also in-process, as the same JSON). */
    void record(J job, int unit, JsonNode record) throws IOException;

    /** Records {@code unit} as not measured, with {@code status} and {@code reason}. */
    void notMeasured(J job, int unit, Status status, String reason);

    /** The unit in words for notices, e.g. {@code point conv mb1ic3...} or {@code batch 8}. */
    String describe(J job, int unit);

    /** A worker ended abnormally, or a message worth telling the user. */
    void notice(String message);
}
