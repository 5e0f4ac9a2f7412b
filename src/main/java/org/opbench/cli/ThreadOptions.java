package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -t/--threads} of the measuring commands: the thread counts to time; by default all cores for sweep and run
 * (what a user of this machine would deploy with, issue 22), 1 for network.
 */
final class ThreadOptions {
    @Option(names = {"-t", "--threads"}, paramLabel = "N[,N...]", description = "thread counts (default: all cores for sweep and run, 1 for network)")
    List<String> threads = new ArrayList<>();

    List<Integer> list() {
        return list(1);
    }

    /** The thread counts asked for, or {@code dflt} alone. */
    List<Integer> list(int dflt) {
        List<Integer> t = Inputs.positiveInts("--threads", threads);
        return t.isEmpty() ? List.of(dflt) : t;
    }
}
