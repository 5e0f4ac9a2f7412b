package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.spi.BackendException;

/**
 * The batched GEMM kernel of {@code gemm.cl} shared by the conv GEMM, Winograd and fc GEMM algorithms:
 * its tiling variants and argument binding.
 */
public final class Gemm {
    public static final String FILE = "gemm.cl";

    /** Row tiles x (vector width, vectors per row) tried by the tuner; products above 128 floats are left out. */
    private static final int[] TMS = {2, 4, 8};
    private static final int[][] VW_NV = {{4, 1}, {8, 1}, {8, 2}, {16, 1}};

    private Gemm() {
    }

    /** The default tiling, then the other variants that fit an {@code m x n} output. */
    public static List<Defines> variants(long m, long n) {
        List<Defines> out = new ArrayList<>();
        out.add(Defines.of("TM", 4, "VW", 16, "NV", 1));
        for (int tm : TMS) {
            for (int[] vn : VW_NV) {
                Defines d = Defines.of("TM", tm, "VW", vn[0], "NV", vn[1]);
                boolean useful = (tm <= m || tm == TMS[0]) && (vn[0] * vn[1] <= n || vn[0] * vn[1] == 4);
                if (useful && !out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * Arguments of one batched GEMM {@code C[z] = A[z] * B[z] (+ bias)}; see gemm.cl for the batch offsets.
     * biasMode: 0 none, 1 per row, 2 per column.
     */
    public record Args(int m, int n, int k, int batch, int batchInner,
                       ClBuffer a, int lda, int aOuter, int aInner,
                       ClBuffer b, int ldb, int bOuter, int bInner,
                       ClBuffer c, int ldc, int cOuter, int cInner,
                       ClBuffer bias, int biasMode, int biasInner) {
    }

    public static KernelSpec kernel(ClContext ctx, Defines variant, Args a) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "gemm", variant);
        k.args(a.m, a.n, a.k, a.batch, a.batchInner, a.a, a.lda, a.aOuter, a.aInner, a.b, a.ldb, a.bOuter, a.bInner,
                a.c, a.ldc, a.cOuter, a.cInner, a.bias, a.biasMode, a.biasInner);
        int tn = variant.get("VW") * variant.get("NV");
        return new KernelSpec(k, new long[] {KernelSpec.ceilDiv(a.n, tn), KernelSpec.ceilDiv(a.m, variant.get("TM")),
                a.batch});
    }
}
