package org.opbench.problem;

/**
 * Exact operation and byte counts: the one place they are defined (and documented in docs/problems.md).
 *
 * <ul>
 *   <li>conv: {@code 2 * mb * oc * oh * ow * (ic / g) * kh * kw} (one multiply and one add per weight tap;
 *       bias adds are not counted, as in the published figures).</li>
 *   <li>fc: {@code 2 * mb * ic * ih * iw * oc}.</li>
 *   <li>pool: one compare (max) or add (avg) per window tap, {@code mb * ic * oh * ow * kh * kw},
 *       plus one divide per output for average pooling.</li>
 *   <li>softmax: five operations per element (max-compare, subtract, exp, add, divide): {@code 5 * mb * ic * ih * iw}.</li>
 * </ul>
 * Bytes are the minimal traffic: every input, weight, bias and output element read or written once,
 * times the size of its element in the problem's {@link Precision} (bias: s32 for int8). GFLOPS (GOPS for int8) = flops / time, GB/s = bytes / time.
 */
public final class Counts {
    private Counts() {
    }

    public static long flops(Problem p) {
        if (p instanceof ConvProblem c) {
            return Sizes.product("conv flops", 2, c.mb(), c.oc(), c.oh(), c.ow(), c.ic() / c.g(), c.kh(), c.kw());
        }
        if (p instanceof FcProblem f) {
            return Sizes.product("fc flops", 2, f.mb(), f.ic(), f.ih(), f.iw(), f.oc());
        }
        if (p instanceof PoolProblem q) {
            long outputs = Sizes.product("pool outputs", q.mb(), q.ic(), q.oh(), q.ow());
            return Sizes.sum("pool flops", Sizes.product("pool flops", outputs, q.kh(), q.kw()),
                    q.alg() == PoolAlg.MAX ? 0 : outputs);
        }
        return Sizes.product("softmax flops", 5, p.srcElements()); // softmax
    }

    public static long bytes(Problem p) {
        Precision t = p.dtype();
        return Sizes.sum("bytes", Sizes.product("source bytes", p.srcElements(), t.src().bytes()),
                Sizes.product("weight bytes", p.weightElements(), t.wei().bytes()),
                Sizes.product("bias bytes", p.biasElements(), t.biasBytes()),
                Sizes.product("destination bytes", p.dstElements(), t.dst().bytes()));
    }
}
