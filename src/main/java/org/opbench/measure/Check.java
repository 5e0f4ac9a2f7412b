package org.opbench.measure;

/** Comparison of a backend's output with the reference output. */
public final class Check {
    private Check() {
    }

    /**
     * {@code max_i |out_i - ref_i| / max_i |ref_i|} (the denominator floored at 1e-30): the largest error
     * relative to the output's range, so that values near zero do not dominate. NaN or infinity in the
     * output, or a length mismatch, gives {@code +Infinity}.
     */
    public static double relativeError(float[] out, float[] ref) {
        if (out == null || out.length != ref.length) {
            return Double.POSITIVE_INFINITY;
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            double o = out[i];
            if (!Double.isFinite(o)) {
                return Double.POSITIVE_INFINITY;
            }
            maxDiff = Math.max(maxDiff, Math.abs(o - ref[i]));
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
        }
        return maxDiff / Math.max(maxRef, 1e-30);
    }
}
