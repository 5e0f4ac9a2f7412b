package org.opbench.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * All size arithmetic of problems, shape sets and imported models, in one place and checked: products and sums
 * with {@link Math#multiplyExact} / {@link Math#addExact}, narrowing with explicit bounds. A size that would wrap is
 * refused with a {@link ProblemException} naming the token or tensor it came from, never silently wrapped into a
 * small, zero or negative count.
 */
public final class Sizes {
    /** Largest element count of any one tensor: Java arrays and most native APIs index with 32-bit ints. */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE - 8;

    private Sizes() {
    }

    /** The exact product of {@code factors}; an overflow is refused naming {@code what}. */
    public static long product(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                throw new ProblemException(what, what + ": " + join(factors, " x ") + " overflows 64-bit arithmetic");
            }
        }
        return p;
    }

    /** The exact sum of {@code terms}; an overflow is refused naming {@code what}. */
    public static long sum(String what, long... terms) {
        long s = 0;
        for (long t : terms) {
            try {
                s = Math.addExact(s, t);
            } catch (ArithmeticException e) {
                throw new ProblemException(what, what + ": " + join(terms, " + ") + " overflows 64-bit arithmetic");
            }
        }
        return s;
    }

    /**
     * The element count of one tensor of dimensions {@code dims}, refused (naming the tensor and its dimensions)
     * when it overflows or exceeds {@link #MAX_TENSOR_ELEMENTS}.
     */
    public static long elements(String tensor, long... dims) {
        long n;
        try {
            n = product(tensor, dims);
        } catch (ProblemException e) {
            n = -1;
        }
        if (n < 0 || n > MAX_TENSOR_ELEMENTS) {
            throw new ProblemException(tensor, "the " + tensor + " tensor " + join(dims, "x") + " would have "
                    + (n < 0 ? "more than 2^63" : String.valueOf(n)) + " elements, more than the "
                    + MAX_TENSOR_ELEMENTS + " one tensor can hold");
        }
        return n;
    }

    /** {@code v} as an int, refused naming {@code what} when it does not fit. */
    public static int toInt(String what, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ProblemException(what, what + ": " + v + " is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /**
     * The extent a dilated kernel covers, {@code (kernel - 1) * (dilation + 1) + 1} (benchdnn's dilation: 0 means
     * none), computed exactly in 64 bits (the operands being ints it cannot overflow there).
     */
    public static long effectiveKernel(int kernel, int dilation) {
        return ((long) kernel - 1) * ((long) dilation + 1) + 1;
    }

    private static String join(long[] values, String sep) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(sep));
    }
}
