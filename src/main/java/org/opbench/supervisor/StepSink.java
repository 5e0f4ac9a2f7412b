package org.opbench.supervisor;

import java.util.List;

/** The {@link Sink} of a served worker ({@link ServedJob}): also hears which units wait for steps and how each went. */
public interface StepSink extends Sink {
    /** A served worker's units that wait for steps, {@code steps} each. */
    void ready(List<Integer> units, int steps);

    /** A step of {@code unit} ran and the unit is not finished; {@code again}: it wants one more step later. */
    void stepped(int unit, boolean again);
}
