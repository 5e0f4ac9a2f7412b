package org.opbench.backend.opencv;

import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;

/**
 * How a {@link PoolProblem} maps onto OpenCV's {@code Pooling} layer parameters.
 *
 * <p>OpenCV 4.13 ({@code layers/pooling_layer.cpp}) averages over the window clipped to the input when
 * {@code ave_pool_padded_area} is false (opbench's avg_np), and otherwise divides by the window clipped to the
 * padded extent {@code [-pad_begin, in + pad_end)} (Caffe's rule). Without ceil rounding every window lies in
 * that extent, so the divisor is {@code kh*kw}: opbench's avg_p. With {@code ceil_mode} the extra last window
 * reaches past {@code in + pad_end} and is divided by its clipped size, which is neither avg_p nor avg_np; for
 * avg_p in ceil mode the plan therefore states the implied bottom/right padding explicitly
 * ({@link PoolProblem#padBottom()}, {@link PoolProblem#padRight()}) and keeps floor rounding, which gives the
 * same output size and the exact kh*kw divisor. max and avg_np use {@code ceil_mode} when OpenCV's ceil rule
 * yields the problem's output size on both axes (OpenCV applies one rounding to both), else explicit padding too.
 */
record PoolPlan(boolean average, boolean paddedArea, boolean ceilMode, int padTop, int padLeft, int padBottom,
                int padRight) {

    /** How the output size is obtained, for impl strings and details. */
    String rounding() {
        if (ceilMode) {
            return "ceil_mode";
        }
        return padBottom == padTop && padRight == padLeft ? "floor" : "explicit_end_pad";
    }

    /** OpenCV's name for the averaging rule, or max. */
    String kind() {
        if (!average) {
            return "max";
        }
        return paddedArea ? "ave_padded_area" : "ave_exclude_pad";
    }

    static PoolPlan of(PoolProblem p) {
        boolean average = p.alg() != PoolAlg.MAX;
        boolean paddedArea = p.alg() == PoolAlg.AVG_P;
        if (!p.ceilMode()) {
            return new PoolPlan(average, paddedArea, false, p.ph(), p.pw(), p.ph(), p.pw());
        }
        boolean ceilFits = openCvOut(p.ih(), p.kh(), p.sh(), p.ph(), true) == p.oh()
                && openCvOut(p.iw(), p.kw(), p.sw(), p.pw(), true) == p.ow();
        if (p.alg() != PoolAlg.AVG_P && ceilFits) {
            return new PoolPlan(average, paddedArea, true, p.ph(), p.pw(), p.ph(), p.pw());
        }
        // padBottom()/padRight() are ph/pw on an axis whose symmetric floor size fits, the implied end padding else
        return new PoolPlan(average, paddedArea, false, p.ph(), p.pw(), p.padBottom(), p.padRight());
    }

    /**
     * OpenCV's pooled size with symmetric padding {@code pad} ({@code PoolingLayerImpl::getMemoryShapes}):
     * floor or ceil of {@code (in + 2 pad - k) / s} plus one, minus one when the last window would start in the
     * end padding.
     */
    static int openCvOut(int in, int k, int s, int pad, boolean ceil) {
        int span = in + 2 * pad - k;
        int out = 1 + (ceil ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s));
        if (pad > 0 && (long) (out - 1) * s >= (long) in + pad) {
            out--;
        }
        return out;
    }
}
