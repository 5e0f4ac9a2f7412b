package org.opbench.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing entry point for problems: benchdnn-style descriptors, and the CK shape strings of published
 * operator sweeps (conv {@code in_C-H-W-K-out_C-stride-pad}, fc {@code in_C-in_H-in_W-out_C-out_H-out_W}).
 */
public final class Problems {
    /** Largest element count of any one tensor: Java arrays and most native APIs index with 32-bit ints. */
    public static final long MAX_TENSOR_ELEMENTS = Sizes.MAX_TENSOR_ELEMENTS;

    private Problems() {
    }

    /** Parses an fp32 problem. */
    public static Problem parse(Op op, String text) {
        return parse(op, text, Precision.F32);
    }

    /**
     * Parses a problem of operator {@code op}; CK shape strings are recognised by their dashes.
     *
     * @throws ProblemException naming the offending token
     */
    public static Problem parse(Op op, String text, Precision dtype) {
        String s = text.strip();
        if (CkShapes.looksLikeCk(s)) {
            return CkShapes.parse(op, s, dtype);
        }
        return switch (op) {
            case CONV -> ConvProblem.parse(s, dtype);
            case FC -> FcProblem.parse(s, dtype);
            case POOL -> PoolProblem.parse(s, dtype);
            case SOFTMAX -> SoftmaxProblem.parse(s, dtype);
        };
    }

    /**
     * The fields of a problem in descriptor order, from alternating names and values
     * ({@code "mb", mb, "ic", ic, ...}); the map is mutable so a caller may drop optional fields.
     */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** The descriptor text of {@code fields}: each name followed by its value, e.g. {@code mb1ic64}. */
    static String descriptor(Map<String, Object> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(k).append(v));
        return s.toString();
    }

    static String withName(String descriptor, String name) {
        return name.isEmpty() ? descriptor : descriptor + "n\"" + name + "\"";
    }

    /** Validates a layer name: printable ASCII other than the quote, at most 200 characters. */
    static String checkName(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > 200) {
            throw new ProblemException(name.substring(0, 20) + "...", "name longer than 200 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"') {
                throw new ProblemException(DescriptorTokens.printable(name), "name \"" + DescriptorTokens.printable(name)
                        + "\" contains a character that is not printable ASCII or is a quote");
            }
        }
        return name;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new ProblemException("", message);
        }
    }

    /**
     * Rejects sizes whose tensors cannot exist: more elements than one array can index, or products that overflow
     * (the counts are computed by the caller with {@code long} arithmetic; an overflow shows as a negative count).
     */
    static void checkElements(long src, long weights, long dst) {
        for (long c : new long[] {src, weights, dst}) {
            if (c < 0) {
                throw new ProblemException("", "tensor sizes overflow 64-bit counts");
            }
            if (c > MAX_TENSOR_ELEMENTS) {
                throw new ProblemException("", "a tensor would have " + c + " elements, more than the "
                        + MAX_TENSOR_ELEMENTS + " one tensor can hold");
            }
        }
    }
}
