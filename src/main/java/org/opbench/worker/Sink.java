package org.opbench.worker;

import org.opbench.result.PointRecord;
import org.opbench.result.Record;

/** Receives a worker's progress: the protocol in a worker process, the driver directly in-process. */
public interface Sink {
    void start(int task);

    void point(int task, PointRecord point);

    /**
     * A record of another kind (a network measurement's {@code network} and {@code layer} records) for task
     * {@code task}. Sinks that only take operator points refuse it.
     */
    default void otherRecord(int task, Record record) {
        throw new UnsupportedOperationException("this sink takes operator points only");
    }

    void done();
}
