package org.opbench.backend.dnnl;

/** The int8 ceiling ({@code u8 x s8 -> s32} matmul, GOPS) of {@link DnnlMatmulCeiling}. */
public final class DnnlInt8Ceiling extends DnnlMatmulCeiling {
    public static final String NAME = "dnnl-int8";

    public DnnlInt8Ceiling() {
        this(N);
    }

    DnnlInt8Ceiling(int n) {
        super(NAME, Types.INT8, n);
    }
}
