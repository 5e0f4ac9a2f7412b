package org.opbench.spi;

import java.util.Map;

/**
 * A problem set up on a backend, ready to run. {@link #close()} releases native resources and is idempotent.
 */
public interface PreparedOp extends AutoCloseable {

    /** Runs one repetition to completion (synchronising any device). Must not allocate. */
    void run() throws BackendException;

    /** The result of the last {@link #run()}, in opbench's canonical layout (NCHW; fc N x OC). */
    float[] output() throws BackendException;

    /**
     * What ran, as the backend configured it: algorithm, the implementation the library chose, number formats and
     * transform ({@link Execution}). The output check's tolerance is derived from it. Called after timing, so the
     * implementation name may be what the timed runs used (a profiler's kernel names); the formats and transform are
     * fixed by {@link Backend#prepare}.
     */
    Execution execution();

    /** The implementation the library chose, as the library names it (e.g. {@code brg_conv_fwd:avx2}). */
    default String impl() {
        return execution().impl();
    }

    /** The clock repetitions are timed with. */
    default Clock clock() {
        return Clock.WALL;
    }

    /** Device time of the last {@link #run()} in nanoseconds, for backends whose {@link #clock()} is DEVICE. */
    default long lastDeviceNanos() {
        throw new IllegalStateException("backend has no device clock");
    }

    /**
     * Backend-specific facts about this point, recorded under {@code details} (workspace size, library-profiled
     * kernel time, ...). Called once after timing.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /**
     * Milliseconds this point's {@link Backend#prepare} spent tuning (searching configurations) in this process,
     * recorded as the point's top-level {@code tuning_ms}; 0 when the configuration came from a cache or no search
     * ran, null for backends that do not tune.
     */
    default Double tuningMs() {
        return null;
    }

    @Override
    void close();
}
