package org.opbench.measure;

/**
 * How a point is measured. After {@code prepare}: warm-up runs until both {@code warmupReps} and
 * {@code warmupMs} are reached; then timed repetitions until both {@code minReps} and {@code minTimeMs}
 * are reached, stopping early at {@code maxTimeMs} (after at least one repetition) or at {@code maxReps}.
 *
 * @param warmupReps     at least this many untimed runs
 * @param warmupMs       and at least this long of untimed runs
 * @param minReps        at least this many timed repetitions...
 * @param minTimeMs      ...and at least this much timed time
 * @param maxTimeMs      stop after this much timed time even if {@code minReps} is not reached
 * @param maxReps        never more repetitions than this (bounds the samples kept per point)
 * @param cvThreshold    coefficient of variation above which a point is flagged unstable (0.02 = 2%)
 * @param coldCache      evict the CPU caches before every repetition (outside the timed region)
 * @param cooldownTempC  before each point, wait until the CPU temperature is below this (null: off)
 * @param cooldownMaxMs  give up waiting for the cool-down after this long (the point records the temperature)
 * @param rounds         an operator point's timed repetitions are split into this many rounds, interleaved with the
 *                       rounds of the other points of its worker group (issue 15); each round gets 1/rounds of the
 *                       point's time and repetition budget, so rounds do not lengthen a sweep
 * @param ciThreshold    an operator point is unstable when the half-width of its 95% confidence interval exceeds
 *                       this fraction of its median (0.03 = 3%), see docs/measurement.md
 * @param targetCi       add rounds to a point until its CI half-width is below this fraction of its median or
 *                       {@code maxTimeMs} of timed time is spent (null: exactly {@code rounds} rounds)
 */
public record MeasureSettings(int warmupReps, double warmupMs, int minReps, double minTimeMs, double maxTimeMs,
                              int maxReps, double cvThreshold, boolean coldCache, Double cooldownTempC,
                              double cooldownMaxMs, int rounds, double ciThreshold, Double targetCi) {

    public static final int DEFAULT_ROUNDS = 5;
    public static final double DEFAULT_CI_THRESHOLD = 0.03;
    /** Never more rounds per point than this, whatever {@code targetCi} asks. */
    public static final int MAX_ROUNDS = 100;

    public static final MeasureSettings DEFAULTS =
            new MeasureSettings(1, 100, 10, 300, 5000, 10000, 0.02, false, null, 300_000);

    /** Settings with the default rounds, CI threshold and no CI target. */
    public MeasureSettings(int warmupReps, double warmupMs, int minReps, double minTimeMs, double maxTimeMs,
                           int maxReps, double cvThreshold, boolean coldCache, Double cooldownTempC,
                           double cooldownMaxMs) {
        this(warmupReps, warmupMs, minReps, minTimeMs, maxTimeMs, maxReps, cvThreshold, coldCache, cooldownTempC,
                cooldownMaxMs, DEFAULT_ROUNDS, DEFAULT_CI_THRESHOLD, null);
    }

    public MeasureSettings {
        check(warmupReps >= 0, "warm-up repetitions must not be negative");
        check(warmupMs >= 0, "warm-up time must not be negative");
        check(minReps >= 1, "minimum repetitions must be at least 1");
        check(minTimeMs >= 0, "minimum time must not be negative");
        check(maxTimeMs > 0, "maximum time must be positive");
        check(maxReps >= minReps, "maximum repetitions must be at least the minimum");
        check(maxReps <= 1_000_000, "maximum repetitions must be at most 1000000");
        check(cvThreshold > 0, "cv threshold must be positive");
        check(rounds >= 1 && rounds <= MAX_ROUNDS, "rounds must be between 1 and " + MAX_ROUNDS);
        check(ciThreshold > 0, "ci threshold must be positive");
        check(targetCi == null || targetCi > 0, "the CI target must be positive");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public MeasureSettings withReps(int reps) {
        return new MeasureSettings(warmupReps, warmupMs, reps, minTimeMs, maxTimeMs, Math.max(maxReps, reps),
                cvThreshold, coldCache, cooldownTempC, cooldownMaxMs, rounds, ciThreshold, targetCi);
    }

    /** These settings with {@code n} rounds, the CI threshold and target (fractions; target null for none). */
    public MeasureSettings withRounds(int n, double ciThresholdFraction, Double targetCiFraction) {
        return new MeasureSettings(warmupReps, warmupMs, minReps, minTimeMs, maxTimeMs, maxReps, cvThreshold,
                coldCache, cooldownTempC, cooldownMaxMs, n, ciThresholdFraction, targetCiFraction);
    }
}
