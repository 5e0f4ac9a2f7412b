package org.opbench.supervisor;

/**
 * Receives a worker's progress: {@link Protocol} frames in a worker process, the supervisor directly in-process.
 * A unit is settled by its first record; further records of the same unit (a network's layer records) follow it.
 */
public interface Sink {
    /** Unit {@code unit} begins (a death or timeout from here on is charged to it). */
    void start(int unit);

    /** A record of unit {@code unit}: any object the job's client knows how to read back from JSON. */
    void record(int unit, Object record);

    /** Every unit is finished. */
    void done();

    /** A served worker's units that wait for steps, {@code steps} each (see {@link ServedJob}). */
    default void ready(java.util.List<Integer> units, int steps) {
        throw new UnsupportedOperationException("this sink does not serve steps");
    }

    /** A step of {@code unit} ran and the unit is not finished; {@code again}: it wants one more step later. */
    default void stepped(int unit, boolean again) {
        throw new UnsupportedOperationException("this sink does not serve steps");
    }
}
