package org.opbench.cli;

import org.opbench.measure.MeasureSettings;
import picocli.CommandLine.Option;

/** Options of how each point is measured. */
final class MeasureOptions {
    private static final MeasureSettings D = MeasureSettings.DEFAULTS;

    @Option(names = "--reps", paramLabel = "N", description = "minimum timed repetitions per point (default: "
            + "10)")
    Integer reps;

    @Option(names = "--min-time", paramLabel = "SECONDS", description = "minimum timed time per point (default: 0.3)")
    Double minTime;

    @Option(names = "--max-time", paramLabel = "SECONDS",
            description = "stop timing a point after this long even below --reps, after at least one repetition (default: 5)")
    Double maxTime;

    @Option(names = "--max-reps", paramLabel = "N", description = "at most this many repetitions (default: 10000)")
    Integer maxReps;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "untimed warm-up per point, at least one run (default: 0.1)")
    Double warmup;

    @Option(names = "--cv-threshold", paramLabel = "PERCENT",
            description = "flag points whose coefficient of variation exceeds this as unstable (default: 2)")
    Double cvThresholdPercent;

    @Option(names = "--cold-cache", description = "evict CPU caches before every repetition")
    boolean coldCache;

    @Option(names = "--cooldown", paramLabel = "CELSIUS",
            description = "before each point wait (up to 5 minutes) until the CPU temperature is below this")
    Double cooldown;

    MeasureSettings settings() {
        try {
            int minReps = reps != null ? reps : D.minReps();
            return new MeasureSettings(D.warmupReps(), warmup != null ? warmup * 1e3 : D.warmupMs(), minReps,
                    minTime != null ? minTime * 1e3 : D.minTimeMs(), maxTime != null ? maxTime * 1e3 : D.maxTimeMs(),
                    maxReps != null ? maxReps : Math.max(D.maxReps(), minReps),
                    cvThresholdPercent != null ? cvThresholdPercent / 100 : D.cvThreshold(), coldCache,
                    cooldown, D.cooldownMaxMs());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
