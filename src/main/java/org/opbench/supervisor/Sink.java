package org.opbench.supervisor;

/**
 * Receives a worker's progress: {@link Protocol} frames in a worker process, the supervisor directly in-process.
 * A unit is settled by its first record; further records of the same unit (a network's layer records) follow it.
 * A served worker reports to a {@link StepSink}, which also hears of its steps.
 */
public interface Sink {
    /** Unit {@code unit} begins (a death or timeout from here on is charged to it). */
    void start(int unit);

    /** A record of unit {@code unit}: any object the job's client knows how to read back from JSON. */
    void record(int unit, Object record);

    /** Every unit is finished. */
    void done();
}
