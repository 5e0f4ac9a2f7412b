package org.opbench.network;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a network graph, at the level of ONNX: an operator type, input and output tensor names (activations
 * and parameters alike, as in ONNX) and attributes. Attribute values are {@code Long}, {@code long[]},
 * {@code Float}, {@code float[]} or {@code String}.
 */
public record NetNode(String name, String op, List<String> inputs, List<String> outputs, Map<String, Object> attrs) {
    public NetNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
    }

    public long intAttr(String key, long dflt) {
        Object v = attrs.get(key);
        return v instanceof Long l ? l : dflt;
    }

    public float floatAttr(String key, float dflt) {
        Object v = attrs.get(key);
        return v instanceof Float f ? f : dflt;
    }

    /** An INTS attribute, or null when absent. */
    public long[] intsAttr(String key) {
        Object v = attrs.get(key);
        return v instanceof long[] a ? a.clone() : null;
    }

    /** A FLOATS attribute, or null when absent. */
    public float[] floatsAttr(String key) {
        Object v = attrs.get(key);
        return v instanceof float[] a ? a.clone() : null;
    }

    public String stringAttr(String key, String dflt) {
        Object v = attrs.get(key);
        return v instanceof String s ? s : dflt;
    }

    /** Input {@code i}, or null when absent or given as the empty name (ONNX's omitted optional input). */
    public String input(int i) {
        return i < inputs.size() && !inputs.get(i).isEmpty() ? inputs.get(i) : null;
    }

    public String output() {
        return outputs.get(0);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(" = ").append(op).append(inputs);
        attrs.forEach((k, v) -> b.append(' ').append(k).append('=')
                .append(v instanceof long[] a ? Arrays.toString(a) : v instanceof float[] f ? Arrays.toString(f) : v));
        return b.toString();
    }
}
