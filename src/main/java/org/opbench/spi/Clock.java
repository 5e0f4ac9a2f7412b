package org.opbench.spi;

/** What a repetition's time was read from. */
public enum Clock {
    /** {@code System.nanoTime} around {@link PreparedOp#run()}. */
    WALL,
    /** A device timer the backend reads (OpenCL profiling events, CUDA events), via {@link PreparedOp#lastDeviceNanos()}. */
    DEVICE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
