package org.opbench.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape rules of the nodes that only move or reshape data ({@code Concat}, {@code Flatten}, {@code Reshape},
 * {@code Squeeze}, {@code Unsqueeze}, {@code Transpose}, {@code Gather}, {@code Pad}): their output dimensions, the
 * 4-D shape a flattened tensor came from, and the constant integers of shape arithmetic.
 */
final class LayoutShapes extends ShapeRules {
    LayoutShapes(String source, int opset) {
        super(source, opset);
    }

    ShapeResult concat(NetNode n, List<ShapeTensor> ins) {
        long[] first = ins.get(0).dims();
        long axis = n.intAttr("axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw fail(n, "needs an axis");
        }
        if (axis < 0) {
            axis += first.length;
        }
        if (axis < 0 || axis >= first.length) {
            throw fail(n, "axis outside a tensor of rank " + first.length);
        }
        long[] out = first.clone();
        out[(int) axis] = 0;
        boolean constant = true;
        List<Long> values = new ArrayList<>();
        for (ShapeTensor t : ins) {
            if (t == null) {
                continue;
            }
            long[] d = t.dims();
            if (d.length != first.length) {
                throw fail(n, "inputs of different rank");
            }
            for (int i = 0; i < d.length; i++) {
                if (i != axis && d[i] != first[i]) {
                    throw fail(n, "inputs differ outside the concatenation axis: " + Arrays.toString(first) + " and "
                            + Arrays.toString(d));
                }
            }
            out[(int) axis] += d[(int) axis];
            if (t.ints() == null) {
                constant = false;
            } else {
                for (long v : t.ints()) {
                    values.add(v);
                }
            }
        }
        long[] ints = constant ? values.stream().mapToLong(Long::longValue).toArray() : null;
        return new ShapeResult(out, null, null, ints, null);
    }

    ShapeResult flatten(NetNode n, ShapeTensor in) {
        long[] x = in.dims();
        long axis = n.intAttr("axis", 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis > x.length) {
            throw fail(n, "axis outside a tensor of rank " + x.length);
        }
        long a = 1;
        long b = 1;
        for (int i = 0; i < x.length; i++) {
            if (i < axis) {
                a *= x[i];
            } else {
                b *= x[i];
            }
        }
        return new ShapeResult(new long[] {a, b}, null, axis == 1 && x.length == 4 ? x : in.flatFrom(), null, null);
    }

    ShapeResult reshape(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        ShapeTensor shapeT = ins.size() > 1 ? ins.get(1) : null;
        long[] shape = shapeT != null ? shapeT.ints() : n.intsAttr("shape");
        if (shape == null) {
            throw fail(n, "target shape is not a constant opbench can read");
        }
        long[] x = in.dims();
        boolean allowZero = n.intAttr("allowzero", 0) != 0;
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= x.length) {
                    throw fail(n, "shape " + Arrays.toString(shape) + " copies a dimension the input lacks");
                }
                out[i] = x[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw fail(n, "shape " + Arrays.toString(shape) + " has two -1");
                }
                infer = i;
            } else {
                known *= out[i];
            }
        }
        long total = product(x);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw fail(n, "cannot reshape " + Arrays.toString(x) + " to " + Arrays.toString(shape));
            }
            out[infer] = total / known;
        } else if (known != total) {
            throw fail(n, "cannot reshape " + Arrays.toString(x) + " (" + total + " values) to "
                    + Arrays.toString(shape));
        }
        long[] from = out.length == 2 && x.length == 4 && out[0] == x[0] ? x : null;
        return new ShapeResult(out, null, from, null, null);
    }

    ShapeResult squeeze(NetNode n, ShapeTensor in, List<ShapeTensor> ins, boolean unsqueeze) {
        long[] x = in.dims();
        long[] axes = ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : n.intsAttr("axes");
        if (ins.size() > 1 && ins.get(1) != null && axes == null) {
            throw fail(n, "axes are not a constant opbench can read");
        }
        List<Long> out = new ArrayList<>();
        if (unsqueeze) {
            if (axes == null) {
                throw fail(n, "needs axes");
            }
            int rank = x.length + axes.length;
            boolean[] inserted = new boolean[rank];
            for (long a : axes) {
                inserted[(int) (a < 0 ? a + rank : a)] = true;
            }
            int j = 0;
            for (int i = 0; i < rank; i++) {
                out.add(inserted[i] ? 1L : x[j++]);
            }
        } else {
            boolean[] drop = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                drop[i] = axes == null && x[i] == 1;
            }
            if (axes != null) {
                for (long a : axes) {
                    drop[(int) (a < 0 ? a + x.length : a)] = true;
                }
            }
            for (int i = 0; i < x.length; i++) {
                if (!drop[i]) {
                    out.add(x[i]);
                }
            }
        }
        long[] dims = out.stream().mapToLong(Long::longValue).toArray();
        long[] from = dims.length == 2 && x.length == 4 ? x : in.flatFrom();
        return new ShapeResult(dims, null, from, in.ints(), null);
    }

    ShapeResult transpose(NetNode n, ShapeTensor in) {
        long[] x = in.dims();
        long[] perm = n.intsAttr("perm");
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[perm == null ? x.length - 1 - i : (int) perm[i]];
        }
        return ShapeResult.of(out);
    }

    /**
     * Gather: {@code data.shape[:axis] + indices.shape + data.shape[axis+1:]}; on a constant vector with constant
     * indices (a shape's entries) the values are folded.
     */
    ShapeResult gather(NetNode n, ShapeTensor data, List<ShapeTensor> ins) {
        ShapeTensor idx = ins.size() > 1 ? ins.get(1) : null;
        if (idx == null) {
            throw fail(n, "has no indices");
        }
        if (data.ints() == null || idx.ints() == null || n.intAttr("axis", 0) != 0) {
            long[] x = data.dims();
            long axis = n.intAttr("axis", 0);
            if (axis < 0) {
                axis += x.length;
            }
            if (axis < 0 || axis >= x.length) {
                throw fail(n, "axis " + n.intAttr("axis", 0) + " outside a tensor of rank " + x.length);
            }
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < axis; i++) {
                out.add(x[i]);
            }
            for (long d : idx.dims()) {
                out.add(d);
            }
            for (int i = (int) axis + 1; i < x.length; i++) {
                out.add(x[i]);
            }
            return ShapeResult.of(out.stream().mapToLong(Long::longValue).toArray());
        }
        long[] v = data.ints();
        long[] ix = idx.ints();
        long[] out = new long[ix.length];
        for (int i = 0; i < ix.length; i++) {
            out[i] = v[(int) (ix[i] < 0 ? ix[i] + v.length : ix[i])];
        }
        return new ShapeResult(idx.dims().length == 0 ? new long[0] : new long[] {out.length}, null, null, out, null);
    }

    ShapeResult pad(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        long[] x = in.dims();
        long[] pads = ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : n.intsAttr("pads");
        if (pads == null || pads.length != 2 * x.length) {
            throw fail(n, "pads are not a constant of length " + 2 * x.length);
        }
        long[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += pads[i] + pads[i + x.length];
        }
        return ShapeResult.of(out);
    }

    /**
     * Resize (opset 10: {@code X, scales}; 11+: {@code X, roi, scales, sizes}; 18+: {@code axes},
     * {@code keep_aspect_ratio_policy}) and Upsample ({@code scales} as input, or attribute before opset 9):
     * {@code out = floor(in * scale)}, or {@code sizes}. Scales or sizes computed at run time leave the shape unknown.
     */
    ShapeResult resize(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        long[] x = in.dims();
        boolean upsample = n.op().equals("Upsample");
        ShapeTensor scalesT = null;
        ShapeTensor sizesT = null;
        if (upsample || opset < 11) {
            scalesT = ins.size() > 1 ? ins.get(1) : null;
        } else {
            scalesT = ins.size() > 2 ? ins.get(2) : null;
            sizesT = ins.size() > 3 ? ins.get(3) : null;
        }
        if (scalesT != null && scalesT.known() && scalesT.elements() == 0) {
            scalesT = null; // opset 11-12 write an empty scales when sizes are given
        }
        long[] axes = n.intsAttr("axes");
        int count = axes == null ? x.length : axes.length;
        int[] axis = new int[count];
        for (int i = 0; i < count; i++) {
            long a = axes == null ? i : axes[i] < 0 ? axes[i] + x.length : axes[i];
            if (a < 0 || a >= x.length) {
                throw fail(n, "axes " + Arrays.toString(axes) + " outside a tensor of rank " + x.length);
            }
            axis[i] = (int) a;
        }
        long[] out = x.clone();
        if (sizesT != null) {
            if (scalesT != null) {
                throw fail(n, "has both scales and sizes");
            }
            long[] sizes = sizesT.ints();
            if (sizes == null) {
                return ShapeResult.unknown("sizes are computed at run time (not constant-folded by opbench)");
            }
            if (sizes.length != count) {
                throw fail(n, "sizes " + Arrays.toString(sizes) + " has " + sizes.length + " values for " + count
                        + " axes");
            }
            String policy = n.stringAttr("keep_aspect_ratio_policy", "stretch");
            if (policy.equals("stretch")) {
                for (int i = 0; i < count; i++) {
                    out[axis[i]] = sizes[i];
                }
            } else {
                double scale = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
                for (int i = 0; i < count; i++) {
                    double r = (double) sizes[i] / x[axis[i]];
                    scale = policy.equals("not_larger") ? Math.min(scale, r) : Math.max(scale, r);
                }
                for (int i = 0; i < count; i++) {
                    out[axis[i]] = Math.round(scale * x[axis[i]]);
                }
            }
        } else {
            float[] scales = scalesT != null ? scalesT.floats() : n.floatsAttr("scales");
            if (scales == null) {
                if (scalesT == null) {
                    throw fail(n, "has neither scales nor sizes");
                }
                return ShapeResult.unknown("scales are computed at run time (not constant-folded by opbench)");
            }
            if (scales.length != count) {
                throw fail(n, "scales " + Arrays.toString(scales) + " has " + scales.length + " values for a tensor of "
                        + "rank " + x.length);
            }
            for (int i = 0; i < count; i++) {
                if (!(scales[i] > 0)) {
                    throw fail(n, "scales " + Arrays.toString(scales) + " has a value that is not positive");
                }
                out[axis[i]] = (long) Math.floor(x[axis[i]] * (double) scales[i]);
            }
        }
        for (long v : out) {
            if (v < 1) {
                throw fail(n, "output shape " + Arrays.toString(out) + " from input " + Arrays.toString(x));
            }
        }
        product(out); // the memory guard: one tensor beyond 2^63 values fails here, naming it
        return ShapeResult.of(out);
    }

    /**
     * Slice (opset 1-9: attributes {@code starts, ends, axes}; 10+: inputs {@code starts, ends, axes, steps}), with
     * ONNX's clamping; a slice of a constant vector (a shape) is folded.
     */
    ShapeResult slice(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        long[] x = in.dims();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (opset < 10) {
            starts = n.intsAttr("starts");
            ends = n.intsAttr("ends");
            axes = n.intsAttr("axes");
        } else {
            starts = constInput(n, ins, 1, "starts");
            ends = constInput(n, ins, 2, "ends");
            axes = ins.size() > 3 && ins.get(3) != null ? constInput(n, ins, 3, "axes") : null;
            steps = ins.size() > 4 && ins.get(4) != null ? constInput(n, ins, 4, "steps") : null;
            if (starts == null || ends == null || (ins.size() > 3 && ins.get(3) != null && axes == null)
                    || (ins.size() > 4 && ins.get(4) != null && steps == null)) {
                return ShapeResult.unknown("starts, ends, axes or steps are computed at run time (not constant-folded "
                        + "by opbench)");
            }
        }
        if (starts == null || ends == null || starts.length != ends.length) {
            throw fail(n, "needs starts and ends of the same length");
        }
        if ((axes != null && axes.length != starts.length) || (steps != null && steps.length != starts.length)) {
            throw fail(n, "starts, ends, axes and steps differ in length");
        }
        long[] out = x.clone();
        long[][] range = new long[x.length][];
        for (int i = 0; i < starts.length; i++) {
            long a = axes == null ? i : axes[i] < 0 ? axes[i] + x.length : axes[i];
            if (a < 0 || a >= x.length) {
                throw fail(n, "axis " + (axes == null ? i : axes[i]) + " outside a tensor of rank " + x.length);
            }
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw fail(n, "step 0");
            }
            long dim = x[(int) a];
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 && ends[i] != Long.MIN_VALUE ? ends[i] + dim : ends[i];
            if (step > 0) {
                s = Math.max(0, Math.min(s, dim));
                e = Math.max(0, Math.min(e, dim));
                out[(int) a] = e > s ? (e - s + step - 1) / step : 0;
            } else {
                s = Math.max(-1, Math.min(s, dim - 1));
                e = Math.max(-1, Math.min(e, dim - 1));
                out[(int) a] = s > e ? (s - e + (-step) - 1) / (-step) : 0;
            }
            range[(int) a] = new long[] {s, step};
        }
        long[] ints = null;
        if (in.ints() != null && x.length == 1) {
            long s = range[0] == null ? 0 : range[0][0];
            long step = range[0] == null ? 1 : range[0][1];
            ints = new long[(int) out[0]];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = in.ints()[(int) (s + i * step)];
            }
        }
        return new ShapeResult(out, null, null, ints, null);
    }

    /** Split along {@code axis}: {@code split} (attribute before opset 13, input after), or {@code num_outputs}, or equal parts. */
    ShapeResult split(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        long[] x = in.dims();
        long axis = n.intAttr("axis", 0);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis >= x.length) {
            throw fail(n, "axis " + n.intAttr("axis", 0) + " outside a tensor of rank " + x.length);
        }
        int outputs = n.outputs().size();
        long[] split = opset < 13 ? n.intsAttr("split") : ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : null;
        if (opset >= 13 && ins.size() > 1 && ins.get(1) != null && split == null) {
            return ShapeResult.unknown("split sizes are computed at run time (not constant-folded by opbench)");
        }
        long dim = x[(int) axis];
        if (split == null) {
            long parts = n.intAttr("num_outputs", outputs);
            long each = (dim + parts - 1) / parts; // the last part may be smaller (opset 18)
            split = new long[outputs];
            for (int i = 0; i < outputs; i++) {
                split[i] = Math.max(0, Math.min(each, dim - i * each));
            }
        }
        long sum = 0;
        for (long v : split) {
            sum += v;
        }
        if (split.length != outputs || sum != dim) {
            throw fail(n, "split " + Arrays.toString(split) + " does not divide dimension " + axis + " (" + dim
                    + ") into " + outputs + " outputs");
        }
        long[][] dims = new long[outputs][];
        for (int i = 0; i < outputs; i++) {
            dims[i] = x.clone();
            dims[i][(int) axis] = split[i];
        }
        return new ShapeResult(dims[0], null, null, null, null, null, Arrays.copyOfRange(dims, 1, outputs));
    }

    /**
     * ReduceMean, ReduceSum and the other reductions: {@code axes} (attribute, or input from opset 18, 13 for
     * ReduceSum), {@code keepdims} (default 1), {@code noop_with_empty_axes}; no axes reduce all.
     */
    ShapeResult reduce(NetNode n, ShapeTensor in, List<ShapeTensor> ins) {
        long[] x = in.dims();
        boolean axesInput = opset >= 18 || (n.op().equals("ReduceSum") && opset >= 13);
        long[] axes = axesInput ? (ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : null) : n.intsAttr("axes");
        if (axesInput && ins.size() > 1 && ins.get(1) != null && axes == null) {
            return ShapeResult.unknown("axes are computed at run time (not constant-folded by opbench)");
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        if ((axes == null || axes.length == 0) && n.intAttr("noop_with_empty_axes", 0) != 0) {
            return ShapeResult.of(x);
        }
        boolean[] reduced = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            reduced[i] = axes == null || axes.length == 0;
        }
        if (axes != null) {
            for (long a : axes) {
                long v = a < 0 ? a + x.length : a;
                if (v < 0 || v >= x.length) {
                    throw fail(n, "axes " + Arrays.toString(axes) + " outside a tensor of rank " + x.length);
                }
                reduced[(int) v] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!reduced[i]) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return ShapeResult.of(out.stream().mapToLong(Long::longValue).toArray());
    }

    private long[] constInput(NetNode n, List<ShapeTensor> ins, int i, String what) {
        ShapeTensor t = ins.size() > i ? ins.get(i) : null;
        if (t == null) {
            throw fail(n, "has no " + what);
        }
        return t.ints();
    }
}
