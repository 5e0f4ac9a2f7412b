package org.opbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.opbench.problem.Layer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code run} and {@code sweep} share after their inputs: the axes, the measurement, the output. */
final class SweepOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    AxisOptions axes;

    @Mixin
    MeasureOptions measure;

    @Mixin
    OutputOptions output;

    @Mixin
    ShardOptions shards;

    @picocli.CommandLine.Option(names = "--live-workers", paramLabel = "N",
            description = "at most N worker JVMs alive at once, their rounds interleaved across them (default: every "
                    + "worker group that fits in memory; 1 behind --worker-launcher, or to interleave within groups)")
    Integer liveWorkers;

    /** Sweeps {@code layers} (see {@link SweepSession#execute}) and returns the exit code. */
    int sweep(List<Layer> layers, List<String> sets, List<Path> inputs, boolean defaultOut)
            throws IOException, InterruptedException {
        return new SweepSession(command.commandLine().getOut(), command.commandLine().getErr())
                .liveWorkers(liveWorkers).execute(layers, sets,
                inputs, axes, measure, output, command.commandLine().getParseResult().originalArgs(), defaultOut,
                shards.resolve(System.getenv()));
    }
}
