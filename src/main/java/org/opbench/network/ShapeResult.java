package org.opbench.network;

import org.opbench.problem.Problem;

/**
 * What a shape rule derived for one node: its output dimensions, its problem or the note saying why it has none,
 * and for the tensor it produces the 4-D shape it was flattened from and its constant integers.
 *
 * @param dims      the first output's dimensions, null when unknown (then {@code note} says why)
 * @param flops     the node's operation count where it has no problem but a known count (a deconvolution, a
 *                  batched matrix product), else null: the problem's count, or 0 for a node without one
 * @param moreDims  the dimensions of the second and later outputs (Split), or null when they have the first's
 */
record ShapeResult(long[] dims, Problem problem, long[] flatFrom, long[] ints, String note, Long flops,
                   long[][] moreDims) {
    ShapeResult(long[] dims, Problem problem, long[] flatFrom, long[] ints, String note) {
        this(dims, problem, flatFrom, ints, note, null, null);
    }

    static ShapeResult of(long[] dims) {
        return new ShapeResult(dims, null, null, null, null);
    }

    /** A node whose output shape (and so its operation count) opbench cannot derive, and why. */
    static ShapeResult unknown(String why) {
        return new ShapeResult(null, null, null, null, why);
    }

    /** A node without an opbench problem whose operation count is still known. */
    static ShapeResult counted(long[] dims, long flops, String note) {
        return new ShapeResult(dims, null, null, null, note, flops, null);
    }
}
