package org.opbench.backend.opencl.tune;

import java.util.function.LongSupplier;

/** A tuner's time budget per point: the search stops once it is spent and the best so far is used. */
public final class Budget {
    /** Default search budget per point, in seconds ({@code --option opencl.tune_budget=SECONDS}). */
    public static final double DEFAULT_SECONDS = 10;

    private final long limitNanos;
    private final LongSupplier clock;
    private final long start;
    private final Budget parent;
    private boolean stopped;

    public Budget(double seconds, LongSupplier clock) {
        this(seconds, clock, null);
    }

    private Budget(double seconds, LongSupplier clock, Budget parent) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("tuning budget must be a positive number of seconds, got " + seconds);
        }
        this.limitNanos = (long) (seconds * 1e9);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.parent = parent;
    }

    public static Budget seconds(double seconds) {
        return new Budget(seconds, System::nanoTime);
    }

    /** True once the budget is spent (and from then on); remembers that it stopped a search. */
    public boolean spent() {
        if (clock.getAsLong() - start >= limitNanos || (parent != null && parent.spent())) {
            stopped = true;
        }
        return stopped;
    }

    /**
     * A budget of {@code fraction} of what is left of this one, starting now: a stage of a search that must leave
     * time to the next. It is spent when its own share is, or this budget is.
     */
    public Budget part(double fraction) {
        double left = Math.max(1e-9, (limitNanos - (clock.getAsLong() - start)) / 1e9);
        return new Budget(Math.max(1e-9, fraction * left), clock, this);
    }

    /** Whether {@link #spent()} ever answered true. */
    public boolean stoppedSearch() {
        return stopped;
    }

    public double limitSeconds() {
        return limitNanos / 1e9;
    }

    public double elapsedMs() {
        return (clock.getAsLong() - start) / 1e6;
    }

    /** Parses a budget option value: a positive number of seconds. */
    public static double parse(String value) {
        double s;
        try {
            s = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number of seconds");
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("'" + value + "' is not a positive number of seconds");
        }
        return s;
    }
}
