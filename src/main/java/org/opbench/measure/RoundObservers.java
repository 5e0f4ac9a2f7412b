package org.opbench.measure;

/**
 * The one place a worker gets its {@link RoundObserver}. Today {@link RoundObserver#NONE} (no counters: a point's
 * {@code noise} keys are null and no round is re-run); the noise probe (issue 15, {@code NoiseProbe}) plugs in here.
 */
public final class RoundObservers {
    private RoundObservers() {
    }

    /** The observer a measuring worker uses around each timed round. */
    public static RoundObserver forWorker() {
        return RoundObserver.NONE;
    }
}
