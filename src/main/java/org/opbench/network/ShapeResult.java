package org.opbench.network;

import org.opbench.problem.Problem;

/**
 * What a shape rule derived for one node: its output dimensions, its problem or the note saying why it has none,
 * and for the tensor it produces the 4-D shape it was flattened from and its constant integers.
 */
record ShapeResult(long[] dims, Problem problem, long[] flatFrom, long[] ints, String note) {
    static ShapeResult of(long[] dims) {
        return new ShapeResult(dims, null, null, null, null);
    }
}
