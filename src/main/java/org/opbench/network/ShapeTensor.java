package org.opbench.network;

/** What is known about a tensor: its dimensions, the 4-D shape it was flattened from, constant integers. */
record ShapeTensor(long[] dims, long[] flatFrom, long[] ints, String producer, boolean param, boolean counted) {
    long elements() {
        return ShapeRules.product(dims);
    }
}
