package org.opbench.measure;

/**
 * The one place a worker gets its {@link RoundObserver}. The {@link NoiseProbe} where the OS exposes {@code /proc};
 * {@link RoundObserver#NONE} elsewhere (a point's {@code noise} keys are then null and no round is re-run).
 */
public final class RoundObservers {
    private RoundObservers() {
    }

    /** The observer a measuring worker uses around each timed round. */
    public static RoundObserver forWorker() {
        return NoiseProbe.forWorker();
    }
}
