package org.opbench.backend.tensorrt;

import java.util.Arrays;

/** Whether a run-time shape fits a model's declared input shape, where negative dimensions are free. */
final class ShapeFit {
    private ShapeFit() {
    }

    /** True when {@code shape} has the declared rank, positive dimensions, and equals every fixed dimension. */
    static boolean fits(long[] declared, long[] shape) {
        if (shape == null || shape.length != declared.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0 || (declared[i] >= 0 && declared[i] != shape[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code [N, 3, 224, 224]}-style text, free dimensions shown as {@code ?}. */
    static String text(long[] dims) {
        return Arrays.toString(Arrays.stream(dims).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).toArray());
    }
}
