package org.opbench.problem;

import java.util.Map;

/**
 * One unit of work: an operator with all its sizes, as in oneDNN benchdnn.
 *
 * <p>Tensors are NCHW (fc: N x C), weights OIHW with {@code I = ic / g}, one bias per output channel.
 * {@link #descriptor()} prints the canonical benchdnn-style descriptor without the name;
 * {@link #toString()} adds {@code n"name"}; {@link Problems#parse} reads either back to an equal problem.
 * Operation and byte counts are defined once, in {@link Counts}.
 */
public sealed interface Problem permits ConvProblem, FcProblem, PoolProblem, SoftmaxProblem {

    Op op();

    Precision dtype();

    /** Mini-batch size. */
    int mb();

    /** Channels of the source tensor. */
    int ic();

    /** Height of the source tensor. */
    int ih();

    /** Width of the source tensor. */
    int iw();

    /** Layer name, empty when none was given. */
    String name();

    /** The same problem with another mini-batch size. */
    Problem withBatch(int mb);

    /** The same problem with another name. */
    Problem withName(String name);

    /** The same problem in another precision. */
    Problem withDtype(Precision dtype);

    /** Canonical descriptor without the name, e.g. {@code mb1ic32ih112iw112oc64oh112ow112kh3kw3sh1sw1ph1pw1g1}. */
    String descriptor();

    /** The numeric fields of the descriptor, in descriptor order. */
    Map<String, Object> fields();

    /** Elements of the source tensor, {@code mb x ic x ih x iw} (fc flattens it). */
    default long srcElements() {
        return (long) mb() * ic() * ih() * iw();
    }

    /** Elements of the weights (0 for operators without weights). */
    default long weightElements() {
        return 0;
    }

    /** Elements of the bias (0 for operators without bias). */
    default long biasElements() {
        return 0;
    }

    /** Dimensions of the destination tensor (NCHW, or N x C for fc). */
    int[] dstDims();

    /** Elements of the destination tensor: the product of {@link #dstDims()}. */
    default long dstElements() {
        long n = 1;
        for (int d : dstDims()) {
            n *= d;
        }
        return n;
    }

    default long flops() {
        return Counts.flops(this);
    }

    default long bytes() {
        return Counts.bytes(this);
    }
}
