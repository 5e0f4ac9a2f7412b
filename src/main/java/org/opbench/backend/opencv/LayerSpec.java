package org.opbench.backend.opencv;

import java.util.List;
import java.util.Locale;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;

/**
 * One OpenCV DNN layer for one problem: its type and parameters, written in the Caffe text form that OpenCV's
 * {@code readNetFromCaffe} turns into the layer's {@code LayerParams} (every field of {@code *_param} becomes a
 * key of the same name, fields the Caffe schema lacks such as {@code ave_pool_padded_area} or {@code pad_t}
 * become custom keys), plus the layer's weight blobs in OpenCV's layouts.
 *
 * <p>Why text: the JavaCPP 1.5.13 preset does not bind {@code cv::dnn::Dict::set} (a member template), so a
 * {@code LayerParams} built in Java can carry name, type and blobs but no scalar parameter; the Caffe importer is
 * OpenCV's own code that fills {@code LayerParams} and calls {@code Net::addLayer}.
 *
 * <p>A max pool gets an {@code Identity} layer reading its output: OpenCV gives a max pool whose output nobody
 * consumes a second output, the argmax mask, and computes it (about 1.7x the time of the pool alone, measured
 * on 64x112x112); with a consumer it computes values only. The identity works in place (it shares the pool's
 * output blob) and shows up separately in OpenCV's per-layer profile.
 *
 * @param name     the layer's name
 * @param output   the layer whose output is the result (this layer, or the identity after a max pool)
 * @param text     the network in Caffe text form: one input {@code data} and this layer
 * @param blobs    weights then bias, or none
 * @param pool     the pooling plan, for pool problems
 */
record LayerSpec(String name, String output, String text, List<Blob> blobs, PoolPlan pool) {

    /** A weight tensor: its dimensions and its data in row-major order. */
    record Blob(int[] shape, float[] data) {
    }

    static LayerSpec of(Problem problem, ProblemData data) {
        if (problem instanceof ConvProblem c) {
            return conv(c, data);
        } else if (problem instanceof FcProblem f) {
            return fc(f, data);
        } else if (problem instanceof PoolProblem p) {
            return pool(p);
        } else if (problem instanceof SoftmaxProblem s) {
            return softmax(s);
        }
        throw new IllegalArgumentException("no OpenCV layer for " + problem.op().id());
    }

    private static LayerSpec conv(ConvProblem p, ProblemData data) {
        String params = "num_output: " + p.oc() + " bias_term: true"
                + " kernel_h: " + p.kh() + " kernel_w: " + p.kw()
                + " stride_h: " + p.sh() + " stride_w: " + p.sw()
                + (p.symmetricPadding() ? " pad_h: " + p.ph() + " pad_w: " + p.pw()
                        // custom keys read by OpenCV's getStrideAndPadding, as for pooling below
                        : " pad_t: " + p.ph() + " pad_l: " + p.pw() + " pad_b: " + p.padBottom() + " pad_r: "
                                + p.padRight())
                // Caffe's repeated dilation: one value per spatial axis, OpenCV counts from 1
                + " dilation: " + (p.dh() + 1) + " dilation: " + (p.dw() + 1)
                + " group: " + p.g();
        String text = net(new int[] {p.mb(), p.ic(), p.ih(), p.iw()}, "conv", "Convolution", "convolution_param", params);
        return new LayerSpec("conv", "conv", text, List.of(
                new Blob(new int[] {p.oc(), p.ic() / p.g(), p.kh(), p.kw()}, data.weights()),
                new Blob(new int[] {p.oc()}, data.bias())), null);
    }

    private static LayerSpec fc(FcProblem p, ProblemData data) {
        String params = "num_output: " + p.oc() + " bias_term: true axis: 1";
        String text = net(new int[] {p.mb(), p.ic(), p.ih(), p.iw()}, "fc", "InnerProduct", "inner_product_param",
                params);
        return new LayerSpec("fc", "fc", text, List.of(
                new Blob(new int[] {p.oc(), Math.toIntExact(p.inputLength())}, data.weights()),
                new Blob(new int[] {p.oc()}, data.bias())), null);
    }

    private static LayerSpec pool(PoolProblem p) {
        PoolPlan plan = PoolPlan.of(p);
        StringBuilder params = new StringBuilder();
        params.append("pool: ").append(plan.average() ? "AVE" : "MAX")
                .append(" kernel_h: ").append(p.kh()).append(" kernel_w: ").append(p.kw())
                .append(" stride_h: ").append(p.sh()).append(" stride_w: ").append(p.sw());
        if (plan.padBottom() == plan.padTop() && plan.padRight() == plan.padLeft()) {
            params.append(" pad_h: ").append(plan.padTop()).append(" pad_w: ").append(plan.padLeft());
        } else {
            // custom keys read by OpenCV's getStrideAndPadding; values as numbers (custom keys arrive as strings)
            params.append(" pad_t: ").append(plan.padTop()).append(" pad_l: ").append(plan.padLeft())
                    .append(" pad_b: ").append(plan.padBottom()).append(" pad_r: ").append(plan.padRight());
        }
        params.append(" ceil_mode: ").append(plan.ceilMode());
        if (plan.average()) {
            // custom key read by PoolingLayerImpl (default true); written as 0/1 because it arrives as a string
            params.append(" ave_pool_padded_area: ").append(plan.paddedArea() ? 1 : 0);
        }
        String text = net(new int[] {p.mb(), p.ic(), p.ih(), p.iw()}, "pool", "Pooling", "pooling_param",
                params.toString());
        if (!plan.average()) {
            text += "layer {\n  name: \"values\"\n  type: \"Identity\"\n  bottom: \"pool\"\n  top: \"values\"\n}\n";
            return new LayerSpec("pool", "values", text, List.of(), plan);
        }
        return new LayerSpec("pool", "pool", text, List.of(), plan);
    }

    private static LayerSpec softmax(SoftmaxProblem p) {
        String text = net(new int[] {p.mb(), p.ic(), p.ih(), p.iw()}, "softmax", "Softmax", "softmax_param",
                "axis: 1");
        return new LayerSpec("softmax", "softmax", text, List.of(), null);
    }

    private static String net(int[] inputDims, String name, String type, String paramField, String params) {
        StringBuilder s = new StringBuilder("name: \"opbench\"\ninput: \"data\"\n");
        for (int d : inputDims) {
            s.append("input_dim: ").append(d).append('\n');
        }
        s.append(String.format(Locale.ROOT, "layer {\n  name: \"%s\"\n  type: \"%s\"\n  bottom: \"data\"\n"
                + "  top: \"%s\"\n  %s { %s }\n}\n", name, type, name, paramField, params));
        return s.toString();
    }
}
