package org.opbench.measure;

/** What the noise probe reads of a {@link CoreCanary} (an interface, so that tests can give fixed readings). */
public interface CanaryReader {
    /** A reading now in nanoseconds per pass (lowers the best), or -1 when none can be taken. */
    long passNanos();

    /** The fastest reading so far, or -1 before the first. */
    long bestNanos();
}
