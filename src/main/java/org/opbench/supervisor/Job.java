package org.opbench.supervisor;

import java.util.List;

/**
 * Work for one worker JVM: units measured in order, each reported through a {@link Sink} as {@code start}, its
 * records, and at the end {@code done}. A job is plain data: the supervisor writes it to the worker as JSON after
 * its class name, and {@link WorkerMain} reads it back as that class (which must implement this interface) and
 * calls {@link #execute}. In-process runs call {@link #execute} directly with the same client code.
 *
 * <p>Units are identified by an int the job chooses (a task index, a batch size); {@link #units()} lists the ones
 * still to do. A job may report units not in that list (auto batch doubling) — after such a unit nothing is left.
 *
 * @param <J> the job's own type, so that {@link #withUnits} keeps it
 */
public interface Job<J extends Job<J>> {
    /** The units to measure, in order. */
    List<Integer> units();

    /** This job restricted to {@code remaining}, a tail of {@link #units()} (what a new worker continues with). */
    J withUnits(List<Integer> remaining);

    /** Measures every unit in this JVM, reporting to {@code sink}, then calls {@link Sink#done()}. */
    void execute(Sink sink);
}
