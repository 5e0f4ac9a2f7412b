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
 */
public record MeasureSettings(int warmupReps, double warmupMs, int minReps, double minTimeMs, double maxTimeMs,
                              int maxReps, double cvThreshold, boolean coldCache, Double cooldownTempC,
                              double cooldownMaxMs) {

    public static final MeasureSettings DEFAULTS =
            new MeasureSettings(1, 100, 10, 300, 5000, 10000, 0.02, false, null, 300_000);

    public MeasureSettings {
        check(warmupReps >= 0, "warm-up repetitions must not be negative");
        check(warmupMs >= 0, "warm-up time must not be negative");
        check(minReps >= 1, "minimum repetitions must be at least 1");
        check(minTimeMs >= 0, "minimum time must not be negative");
        check(maxTimeMs > 0, "maximum time must be positive");
        check(maxReps >= minReps, "maximum repetitions must be at least the minimum");
        check(maxReps <= 1_000_000, "maximum repetitions must be at most 1000000");
        check(cvThreshold > 0, "cv threshold must be positive");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public MeasureSettings withReps(int reps) {
        return new MeasureSettings(warmupReps, warmupMs, reps, minTimeMs, maxTimeMs, Math.max(maxReps, reps),
                cvThreshold, coldCache, cooldownTempC, cooldownMaxMs);
    }
}
