package org.opbench.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes a user gives a model's inputs: {@code --input-shape NAME:1x3x640x640} (the form of trtexec's
 * {@code --shapes}; repeatable) and named symbolic dimensions, {@code --dim p2o.DynamicDimension.1=640}. They fill
 * the free dimensions of a model exported with dynamic axes; a dimension the file fixes must agree.
 *
 * @param shapes input name to its full shape (batch first)
 * @param dims   symbolic dimension name ({@code dim_param}) to its size
 */
public record InputShapes(Map<String, long[]> shapes, Map<String, Long> dims) {
    /** No shapes given. */
    public static final InputShapes NONE = new InputShapes(Map.of(), Map.of());
    /** Largest tensor one shape may describe: one Java float array (the memory guard). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    public InputShapes {
        shapes = Map.copyOf(shapes);
        dims = Map.copyOf(dims);
    }

    public boolean isEmpty() {
        return shapes.isEmpty() && dims.isEmpty();
    }

    /**
     * Parses the flags' values; an {@link IllegalArgumentException} names the flag and the value: no colon, a size
     * that is no positive integer, an input given twice, a tensor of more than {@link #MAX_ELEMENTS} elements.
     */
    public static InputShapes parse(List<String> inputShapes, List<String> dimValues) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String v : inputShapes) {
            int colon = v.lastIndexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw new IllegalArgumentException("--input-shape '" + v + "': expected NAME:DxDxD..., e.g. "
                        + "images:1x3x640x640");
            }
            String name = v.substring(0, colon);
            String[] parts = v.substring(colon + 1).split("x", -1);
            long[] shape = new long[parts.length];
            long elements = 1;
            for (int i = 0; i < parts.length; i++) {
                shape[i] = size("--input-shape '" + v + "'", "dimension " + i, parts[i]);
                elements = elements > MAX_ELEMENTS ? elements : elements * shape[i];
            }
            if (elements > MAX_ELEMENTS) {
                throw new IllegalArgumentException("--input-shape '" + v + "': " + Arrays.toString(shape)
                        + " is more than " + MAX_ELEMENTS + " elements, more than one tensor can hold");
            }
            if (shapes.put(name, shape) != null) {
                throw new IllegalArgumentException("--input-shape: input '" + name + "' given twice");
            }
        }
        Map<String, Long> dims = new LinkedHashMap<>();
        for (String v : dimValues) {
            int eq = v.lastIndexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException("--dim '" + v + "': expected SYMBOL=SIZE, e.g. height=640");
            }
            String name = v.substring(0, eq);
            if (dims.put(name, size("--dim '" + v + "'", "'" + name + "'", v.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("--dim: '" + name + "' given twice");
            }
        }
        return new InputShapes(shapes, dims);
    }

    private static long size(String where, String what, String text) {
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + what + " '" + text + "' is not a whole number");
        }
        if (n <= 0) {
            throw new IllegalArgumentException(where + ": " + what + " is " + n + "; sizes must be positive");
        }
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException(where + ": " + what + " is " + n + ", more than one tensor can hold");
        }
        return n;
    }

    /** The flags that would reproduce these shapes, for messages and records. */
    public List<String> flags() {
        List<String> out = new ArrayList<>();
        shapes.forEach((k, v) -> out.add("--input-shape " + k + ":" + String.join("x",
                Arrays.stream(v).mapToObj(Long::toString).toList())));
        dims.forEach((k, v) -> out.add("--dim " + k + "=" + v));
        return out;
    }
}
