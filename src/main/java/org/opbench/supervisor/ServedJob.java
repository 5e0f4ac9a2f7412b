package org.opbench.supervisor;

import java.io.IOException;

/**
 * A job whose worker can be served: it prepares its units, reports {@link StepSink#ready} and then runs one step (a
 * round) of the unit each {@link Command.Step} names, reporting {@link StepSink#stepped} or, after a unit's last step,
 * its record; until {@link Command.Finish}, when it measures what it left for the end and returns (the caller sends
 * {@code done}). Several served workers live at once and the supervisor runs their steps in one order
 * ({@link Supervisor#runInterleaved}); only the worker running a step uses the CPU, the others wait on a read.
 */
public interface ServedJob<J extends ServedJob<J>> extends Job<J> {
    /** The next command; blocks on the read (no CPU) until the supervisor sends one. */
    interface Commands {
        Command next() throws IOException;
    }

    /** Prepares the units, then serves {@code commands} until {@link Command.Finish}; does not call done. */
    void serve(StepSink sink, Commands commands) throws IOException;
}
