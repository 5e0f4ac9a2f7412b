package org.opbench.backend.dnnl;

/** The f16 ceiling ({@code f16 x f16 -> f32} matmul, GFLOPS) of {@link DnnlMatmulCeiling}. */
public final class DnnlF16Ceiling extends DnnlMatmulCeiling {
    public static final String NAME = "dnnl-f16";

    public DnnlF16Ceiling() {
        this(N);
    }

    DnnlF16Ceiling(int n) {
        super(NAME, Types.F16, n);
    }
}
