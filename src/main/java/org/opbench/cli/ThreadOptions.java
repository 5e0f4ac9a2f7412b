package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -t/--threads} of the measuring commands (sweep, run, network): the thread counts to time, 1 by default. */
final class ThreadOptions {
    @Option(names = {"-t", "--threads"}, paramLabel = "N[,N...]", description = "thread counts (default: 1)")
    List<String> threads = new ArrayList<>();

    List<Integer> list() {
        List<Integer> t = Inputs.positiveInts("--threads", threads);
        return t.isEmpty() ? List.of(1) : t;
    }
}
