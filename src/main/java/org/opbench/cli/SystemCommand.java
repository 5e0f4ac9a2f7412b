package org.opbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.env.SystemCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opbench system}: whether this machine gives reproducible timings, and what to do where it does not. */
@Command(name = "system", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check this machine for what makes timings irreproducible: CPU governor, boost, SMT, load, "
                + "steal and busy processes over a short probe, isolated CPUs, virtualization; each with a verdict "
                + "(ok, warning, unknown) and what to do.",
                "Measures nothing and writes no file. Sweeps, runs and network runs print the warnings in one line "
                        + "and keep them in their run record."})
final class SystemCommand implements Callable<Integer> {
    @Mixin
    ListFormat format;

    @Option(names = "--probe", paramLabel = "SECONDS", defaultValue = "1",
            description = "how long to watch steal time and busy processes (default: ${DEFAULT-VALUE})")
    double probe;

    @Override
    public Integer call() throws InterruptedException {
        if (!(probe > 0) || probe > 60) {
            throw new UsageError("invalid value for --probe: must be above 0 and at most 60 seconds");
        }
        SystemCheck.Report r = SystemCheck.run(probe);
        if (format.printedAsJson(r)) {
            return 0;
        }
        print(format.out(), r);
        return 0;
    }

    static void print(PrintWriter out, SystemCheck.Report r) {
        Table t = new Table(List.of("check", "value", "verdict", "what to do")).wrapping(1, 3);
        for (SystemCheck.Item i : r.items()) {
            t.row(List.of(i.check(), i.value(), i.verdict().name(), i.advice() == null ? "" : i.advice()));
        }
        t.print(out, Table.DEFAULT_WIDTH, 1);
        out.println();
        out.println("opbench: " + r.summary().replace(" ('opbench system' says what to do)", "") + " (steal and busy "
                + "over a " + Format.num(r.probeS(), 1) + " s probe)");
        out.flush();
    }
}
