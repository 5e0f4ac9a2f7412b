package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClDevice;

/**
 * Local work sizes a kernel may run with, from the device's limits (CL_DEVICE_MAX_WORK_GROUP_SIZE,
 * CL_DEVICE_MAX_WORK_ITEM_SIZES) and the kernel's (CL_KERNEL_WORK_GROUP_SIZE).
 */
public final class LocalSizes {
    /** Work-group size the heuristic aims at on CPU devices (a work-group is one task for one core). */
    public static final int CPU_TARGET = 64;
    /** Work-group size the heuristic aims at on other devices (a few warps / wavefronts). */
    public static final int GPU_TARGET = 256;
    /** Most idle work-items (as a share of the work) a pruned candidate may add by rounding the global size up. */
    public static final double MAX_PADDING = 0.125;

    private LocalSizes() {
    }

    static long maxGroup(ClDevice dev, long kernelMax) {
        return Math.max(1, Math.min(dev.maxWorkGroupSize(), kernelMax));
    }

    private static long itemLimit(ClDevice dev, int d) {
        long[] m = dev.maxWorkItemSizes();
        return d < m.length ? m[d] : 1;
    }

    static long ceilPow2(long x) {
        long p = 1;
        while (p < x) {
            p <<= 1;
        }
        return p;
    }

    /**
     * Every local size whose dimensions are powers of two, each at most the device's work-item limit and the
     * work (rounded up to a power of two) in that dimension, with a product of at most the kernel's and the
     * device's work-group limit.
     */
    public static List<long[]> all(long[] work, long kernelMax, ClDevice dev) {
        List<long[]> out = new ArrayList<>();
        collect(work, maxGroup(dev, kernelMax), dev, 0, new long[work.length], 1, out);
        return out;
    }

    private static void collect(long[] work, long max, ClDevice dev, int d, long[] cur, long product,
                                List<long[]> out) {
        if (d == work.length) {
            out.add(cur.clone());
            return;
        }
        long limit = Math.min(itemLimit(dev, d), ceilPow2(work[d]));
        for (long l = 1; l <= limit && product * l <= max; l <<= 1) {
            cur[d] = l;
            collect(work, max, dev, d + 1, cur, product * l, out);
        }
    }

    /**
     * {@link #all} less what cannot pay off: local sizes whose rounding up of the global size adds more than
     * {@link #MAX_PADDING} idle work-items (a local size that divides the work adds none), and every local size when
     * the kernel needs more local memory than the device has ({@code kernelLocalMem}, CL_KERNEL_LOCAL_MEM_SIZE).
     */
    public static List<long[]> pruned(long[] work, long kernelMax, long kernelLocalMem, ClDevice dev) {
        List<long[]> out = new ArrayList<>();
        if (kernelLocalMem > dev.localMemBytes()) {
            return out;
        }
        for (long[] l : all(work, kernelMax, dev)) {
            if (padding(work, l) <= MAX_PADDING) {
                out.add(l);
            }
        }
        return out;
    }

    /** The share of idle work-items {@code local} adds by rounding the global size up: 0 when it divides the work. */
    public static double padding(long[] work, long[] local) {
        double padded = 1;
        double real = 1;
        for (int d = 0; d < work.length; d++) {
            long w = Math.max(1, work[d]);
            padded *= (double) ((w + local[d] - 1) / local[d] * local[d]);
            real *= w;
        }
        return padded / real - 1;
    }

    /**
     * Why {@code local} cannot run {@code work} on {@code dev} with a kernel whose CL_KERNEL_WORK_GROUP_SIZE is
     * {@code kernelMax}, or null when it can (null local: the runtime chooses, always valid).
     */
    public static String violation(long[] local, long[] work, long kernelMax, ClDevice dev) {
        if (local == null) {
            return null;
        }
        if (local.length != work.length) {
            return "local size " + java.util.Arrays.toString(local) + " has " + local.length + " dimensions, the kernel "
                    + work.length;
        }
        long product = 1;
        for (int d = 0; d < local.length; d++) {
            if (local[d] < 1) {
                return "local size " + java.util.Arrays.toString(local) + " has a dimension below 1";
            }
            if (local[d] > itemLimit(dev, d)) {
                return "local size " + java.util.Arrays.toString(local) + " exceeds CL_DEVICE_MAX_WORK_ITEM_SIZES["
                        + d + "] = " + itemLimit(dev, d);
            }
            product = Math.multiplyHigh(product, local[d]) != 0 ? Long.MAX_VALUE : product * local[d];
        }
        if (product > dev.maxWorkGroupSize()) {
            return "local size " + java.util.Arrays.toString(local) + " (" + product
                    + " work-items) exceeds CL_DEVICE_MAX_WORK_GROUP_SIZE " + dev.maxWorkGroupSize();
        }
        if (product > kernelMax) {
            return "local size " + java.util.Arrays.toString(local) + " (" + product
                    + " work-items) exceeds the kernel's CL_KERNEL_WORK_GROUP_SIZE " + kernelMax;
        }
        return null;
    }

    /**
     * The {@code default} tuner's heuristic: aim for {@link #CPU_TARGET} work-items per group on CPUs and
     * {@link #GPU_TARGET} elsewhere (capped by the kernel's and device's limits), and hand them out greedily in
     * powers of two from dimension 0 (the contiguous one in opbench's kernels) upward, never more than the
     * work in a dimension (rounded up to a power of two).
     */
    public static long[] heuristic(long[] work, long kernelMax, ClDevice dev) {
        long budget = Math.min(dev.isCpu() ? CPU_TARGET : GPU_TARGET, maxGroup(dev, kernelMax));
        budget = Long.highestOneBit(budget);
        long[] local = new long[work.length];
        for (int d = 0; d < work.length; d++) {
            long l = Math.min(Math.min(ceilPow2(work[d]), budget), Long.highestOneBit(itemLimit(dev, d)));
            local[d] = Math.max(1, l);
            budget = Math.max(1, budget / local[d]);
        }
        return local;
    }
}
