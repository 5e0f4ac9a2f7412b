package org.opbench.backend.onnxruntime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * An onnxruntime algorithm name, {@code <ep>-<opt>}: an execution provider (lower-case {@code OrtProvider} name
 * without underscores, e.g. {@code cpu}, {@code cuda}, {@code dnnl}) and a graph optimisation level.
 *
 * @param ep  execution provider key, e.g. {@code cpu}
 * @param opt optimisation level
 */
record OrtAlgorithm(String ep, Opt opt) {
    static final OrtAlgorithm DEFAULT = new OrtAlgorithm("cpu", Opt.ALL);

    /** Graph optimisation levels of ONNX Runtime 1.29, most to least optimising. */
    enum Opt {
        /** ORT_ENABLE_ALL (99): every level; ORT's default. */
        ALL("all"),
        /** ORT_ENABLE_LAYOUT (3): extended plus layout transformations such as NCHWc on CPU. */
        LAYOUT("layout"),
        /** ORT_ENABLE_EXTENDED: basic plus complex node fusions. */
        EXTENDED("extended"),
        /** ORT_ENABLE_BASIC: constant folding, redundant node elimination. */
        BASIC("basic"),
        /** ORT_DISABLE_ALL: the graph as built, one kernel per ONNX node. */
        NONE("none");

        final String id;

        Opt(String id) {
            this.id = id;
        }
    }

    /** The algorithm a name denotes, or null when it is not of the form {@code <ep>-<opt>} with a known level. */
    static OrtAlgorithm parse(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        String level = name.substring(dash + 1);
        for (Opt o : Opt.values()) {
            if (o.id.equals(level)) {
                return new OrtAlgorithm(name.substring(0, dash), o);
            }
        }
        return null;
    }

    /** The key of an {@code OrtProvider} enum constant name, e.g. {@code TENSOR_RT -> tensorrt}. */
    static String epKey(String providerEnumName) {
        return providerEnumName.toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** All algorithms over {@code epKeys}: for each provider every level, the default first. */
    static List<String> names(Collection<String> epKeys) {
        List<String> out = new ArrayList<>();
        out.add(DEFAULT.name());
        for (String ep : epKeys) {
            for (Opt o : Opt.values()) {
                String n = ep + "-" + o.id;
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    String name() {
        return ep + "-" + opt.id;
    }
}
