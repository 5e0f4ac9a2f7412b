package org.opbench.worker;

import org.opbench.result.PointRecord;

/** Receives a worker's progress: the protocol in a worker process, the driver directly in-process. */
public interface Sink {
    void start(int task);

    void point(int task, PointRecord point);

    void done();
}
