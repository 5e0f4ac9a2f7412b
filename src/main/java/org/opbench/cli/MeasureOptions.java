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

    @Option(names = {"--ci-threshold", "--cv-threshold"}, paramLabel = "PERCENT",
            description = "flag points whose 95%% confidence interval is wider than +-PERCENT of the median as "
                    + "unstable (default: 3; --cv-threshold is the former name; for network runs, the CV limit, "
                    + "default 2)")
    Double cvThresholdPercent;

    @Option(names = "--rounds", paramLabel = "N",
            description = "split each point's timed repetitions into N rounds, interleaved with the other points' "
                    + "(default: 5; see docs/measurement.md)")
    Integer rounds;

    @Option(names = "--target-ci", paramLabel = "PERCENT",
            description = "add rounds to a point until its 95%% confidence interval is within +-PERCENT of the median "
                    + "or --max-time of timing is spent (default: off)")
    Double targetCi;

    @Option(names = "--cold-cache", description = "evict CPU caches before every repetition")
    boolean coldCache;

    @Option(names = "--cooldown", paramLabel = "CELSIUS",
            description = "before each point wait (up to 5 minutes) until the CPU temperature is below this")
    Double cooldown;

    MeasureSettings settings() {
        try {
            int minReps = reps != null ? reps : D.minReps();
            if (rounds != null && (rounds < 1 || rounds > MeasureSettings.MAX_ROUNDS)) {
                throw new UsageError("invalid value for --rounds: " + rounds + " (must be 1 to "
                        + MeasureSettings.MAX_ROUNDS + ")");
            }
            if (targetCi != null && !(targetCi > 0)) {
                throw new UsageError("invalid value for --target-ci: " + targetCi + " (must be a positive percentage)");
            }
            return new MeasureSettings(D.warmupReps(), warmup != null ? warmup * 1e3 : D.warmupMs(), minReps,
                    minTime != null ? minTime * 1e3 : D.minTimeMs(), maxTime != null ? maxTime * 1e3 : D.maxTimeMs(),
                    maxReps != null ? maxReps : Math.max(D.maxReps(), minReps),
                    cvThresholdPercent != null ? cvThresholdPercent / 100 : D.cvThreshold(), coldCache,
                    cooldown, D.cooldownMaxMs(), rounds != null ? rounds : MeasureSettings.DEFAULT_ROUNDS,
                    cvThresholdPercent != null ? cvThresholdPercent / 100 : MeasureSettings.DEFAULT_CI_THRESHOLD,
                    targetCi != null ? targetCi / 100 : null);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
