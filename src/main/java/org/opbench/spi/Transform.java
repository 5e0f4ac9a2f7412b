package org.opbench.spi;

/**
 * How a backend computes a convolution's sums, as far as it changes the rounding: directly (any order of the same
 * products), or through a transform that adds its own rounding error.
 */
public enum Transform {
    /** The same products summed in some order: direct, GEMM, im2col, implicit GEMM, pooling, softmax. */
    NONE("none"),
    /** Winograd's minimal filtering (input, filter and output transforms). */
    WINOGRAD("winograd"),
    /** Convolution through fast Fourier transforms. */
    FFT("fft"),
    /**
     * The library picks its kernels itself (by heuristics or by timing them) and does not report which it ran, so a
     * Winograd or FFT kernel may be among them.
     */
    UNREPORTED("unreported");

    private final String id;

    Transform(String id) {
        this.id = id;
    }

    /** Name in records ({@code details.execution.transform}). */
    public String id() {
        return id;
    }
}
