package org.opbench.sweep;

import org.opbench.result.PointRecord;

/** Progress of a sweep, as points arrive. */
public interface SweepListener {
    /** A point was recorded; {@code done} of {@code total} points are finished. */
    void point(PointRecord point, int done, int total);

    /** A worker (re)started or ended abnormally, or a message worth telling the user. */
    default void notice(String message) {
    }
}
