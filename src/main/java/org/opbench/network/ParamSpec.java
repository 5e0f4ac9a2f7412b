package org.opbench.network;

import java.util.Arrays;

/**
 * A parameter tensor (an ONNX initializer) of a network: its dimensions, how its values are made for a built-in
 * network, and, for small integer tensors (a Reshape's target shape), the values themselves.
 *
 * @param dims      dimensions
 * @param init      how {@link org.opbench.network.onnx.OnnxExport} fills it
 * @param intValues the values of an INT64 tensor (shapes, axes), else null
 * @param floatValues the values of a small float constant (a Clip bound), else null
 */
public record ParamSpec(long[] dims, Init init, long[] intValues, float[] floatValues) {

    /** How a built-in network's parameter is filled with seeded random values (timing does not depend on them). */
    public enum Init {
        /** Convolution or fc weights: uniform in +-sqrt(6 / fan_in), He et al.'s scale for ReLU networks. */
        WEIGHT,
        /** A bias: uniform in +-0.05. */
        BIAS,
        /** Batch-norm scale: uniform in [0.8, 1.2). */
        BN_SCALE,
        /**
         * Batch-norm scale of a residual branch's last batch norm: uniform in [0.1, 0.3), so that a residual sum
         * grows the activations by a few percent rather than doubling their variance (with random statistics, sixteen
         * ResNet-50 blocks of scale 1 grow them about 64-fold and saturate the softmax, which would leave the output
         * check nothing to compare).
         */
        BN_SCALE_RESIDUAL,
        /** Batch-norm shift: uniform in +-0.1. */
        BN_SHIFT,
        /** Batch-norm running mean: uniform in +-0.1. */
        BN_MEAN,
        /** Batch-norm running variance: uniform in [0.8, 1.2). */
        BN_VAR,
        /** Given values ({@link #intValues} or {@link #floatValues}). */
        CONSTANT,
        /** Read from a model file (imported networks): values are not held. */
        FILE
    }

    public ParamSpec {
        dims = dims.clone();
        intValues = intValues == null ? null : intValues.clone();
        floatValues = floatValues == null ? null : floatValues.clone();
    }

    public static ParamSpec random(Init init, long... dims) {
        return new ParamSpec(dims, init, null, null);
    }

    public static ParamSpec ints(long... values) {
        return new ParamSpec(new long[] {values.length}, Init.CONSTANT, values, null);
    }

    public static ParamSpec scalar(float value) {
        return new ParamSpec(new long[0], Init.CONSTANT, null, new float[] {value});
    }

    /** Whether this is a weight-like tensor counted as parameters: not a scalar, not integers. */
    public boolean counted() {
        return dims.length > 0 && intValues == null && init != Init.CONSTANT;
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public long[] intValues() {
        return intValues == null ? null : intValues.clone();
    }

    @Override
    public float[] floatValues() {
        return floatValues == null ? null : floatValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p && Arrays.equals(dims, p.dims) && init == p.init
                && Arrays.equals(intValues, p.intValues) && Arrays.equals(floatValues, p.floatValues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + init.hashCode();
    }

    @Override
    public String toString() {
        return init + Arrays.toString(dims) + (intValues != null ? "=" + Arrays.toString(intValues) : "")
                + (floatValues != null ? "=" + Arrays.toString(floatValues) : "");
    }
}
