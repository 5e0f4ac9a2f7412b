package org.opbench.backend.opencl.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Compile-time {@code -D} defines of a kernel build, in a stable order (e.g. a tiling variant {@code TM=4,VW=8}). */
public record Defines(Map<String, Integer> values) {
    public static final Defines NONE = new Defines(Map.of());

    public Defines {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Defines from alternating names and values: {@code of("TM", 4, "VW", 8)}. */
    public static Defines of(Object... nameValue) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Integer) nameValue[i + 1]);
        }
        return new Defines(m);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int get(String name) {
        Integer v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("define " + name + " not set in " + this);
        }
        return v;
    }

    /** These defines followed by {@code more} (which win on a clash). */
    public Defines with(Defines more) {
        Map<String, Integer> m = new LinkedHashMap<>(values);
        m.putAll(more.values);
        return new Defines(m);
    }

    /** Build options, e.g. {@code -DTM=4 -DVW=8}. */
    public String options() {
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add("-D" + k + "=" + v));
        return j.toString();
    }

    /** e.g. {@code TM=4,VW=8}; empty when none. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
