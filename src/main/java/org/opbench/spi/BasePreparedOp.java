package org.opbench.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The plumbing prepared operators share: the {@link Execution} stated at prepare, the {@code details} map (the
 * backend may keep adding facts to it, such as a copy time measured in {@link #output()}; {@link #details()} hands
 * out a copy), and, for backends timed on the device, the clock and the last run's device time.
 */
public abstract class BasePreparedOp implements PreparedOp {
    private final Execution execution;
    /** Facts recorded under {@code details}; owned by this op, which may add to it until {@link #details()}. */
    protected final Map<String, Object> details;
    private final LongSupplier deviceNanos;

    /** An op timed by the wall clock. */
    protected BasePreparedOp(Execution execution, Map<String, Object> details) {
        this(execution, details, null);
    }

    /**
     * @param deviceNanos the device time of the last run in nanoseconds, negative before the first; null for an op
     *                    timed by the wall clock
     */
    protected BasePreparedOp(Execution execution, Map<String, Object> details, LongSupplier deviceNanos) {
        this.execution = java.util.Objects.requireNonNull(execution, "execution");
        this.details = details;
        this.deviceNanos = deviceNanos;
    }

    @Override
    public Execution execution() {
        return execution;
    }

    @Override
    public final Clock clock() {
        return deviceNanos == null ? Clock.WALL : Clock.DEVICE;
    }

    @Override
    public final long lastDeviceNanos() {
        if (deviceNanos == null) {
            throw new IllegalStateException("backend has no device clock");
        }
        long ns = deviceNanos.getAsLong();
        if (ns < 0) {
            throw new IllegalStateException("run() has not completed yet");
        }
        return ns;
    }

    @Override
    public Map<String, Object> details() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
