package org.opbench.measure;

/**
 * Watches the machine around each timed round of a point (issue 15): read what the OS and the JVM expose before
 * the round starts and again after it ends, and say what disturbed it. Called outside the timed region only;
 * implementations may allocate. {@link NoiseProbe} is the real one; {@link #NONE} records nothing (for in-process
 * unit tests of the harness and for platforms without {@code /proc}).
 */
public interface RoundObserver {
    /** Just before a round: before the untimed run that brings the point's data back into the caches. */
    void beforeRound();

    /** Just after a round's last timed repetition: what happened in between ({@link Disturbance#QUIET} if nothing). */
    Disturbance afterRound(long roundNanos);

    RoundObserver NONE = new RoundObserver() {
        @Override
        public void beforeRound() {
        }

        @Override
        public Disturbance afterRound(long roundNanos) {
            return Disturbance.UNKNOWN;
        }
    };
}
