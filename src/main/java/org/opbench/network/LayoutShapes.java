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

    ShapeResult gather(NetNode n, ShapeTensor data, List<ShapeTensor> ins) {
        ShapeTensor idx = ins.size() > 1 ? ins.get(1) : null;
        if (data.ints() == null || idx == null || idx.ints() == null || n.intAttr("axis", 0) != 0) {
            throw fail(n, "Gather is supported only on constant shape vectors (as in a flatten computed from Shape)");
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
}
