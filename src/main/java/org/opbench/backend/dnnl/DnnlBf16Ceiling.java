package org.opbench.backend.dnnl;

/** The bf16 ceiling ({@code bf16 x bf16 -> f32} matmul, GFLOPS) of {@link DnnlMatmulCeiling}. */
public final class DnnlBf16Ceiling extends DnnlMatmulCeiling {
    public static final String NAME = "dnnl-bf16";

    public DnnlBf16Ceiling() {
        this(N);
    }

    DnnlBf16Ceiling(int n) {
        super(NAME, Types.BF16, n);
    }
}
