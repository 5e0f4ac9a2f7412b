package org.opbench.network;

/**
 * What is known about a tensor: its dimensions (null when an operator opbench has no rule for is upstream), the
 * 4-D shape it was flattened from, constant integers (shape arithmetic) and constant floats (Resize scales).
 */
record ShapeTensor(long[] dims, long[] flatFrom, long[] ints, String producer, boolean param, boolean counted,
                   float[] floats) {
    ShapeTensor(long[] dims, long[] flatFrom, long[] ints, String producer, boolean param, boolean counted) {
        this(dims, flatFrom, ints, producer, param, counted, null);
    }

    long elements() {
        return ShapeRules.product(dims);
    }

    boolean known() {
        return dims != null;
    }
}
