package org.opbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.env.OpbenchHome;
import org.opbench.problem.InputFileException;
import org.opbench.problem.Op;
import org.opbench.problem.ProblemException;
import org.opbench.problem.Problems;
import org.opbench.problem.ShapeSet;
import org.opbench.problem.ShapeSets;

/** Turns command-line text into model objects, reporting bad input as usage errors. */
final class Inputs {

    /** {@code --option BACKEND.KEY=VALUE} values as {@code BACKEND.KEY -> VALUE}; a malformed one is a usage error. */
    static Map<String, String> backendOptions(List<String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            int dot = o.indexOf('.');
            if (eq < 0 || dot < 1 || dot > eq) {
                throw new UsageError("invalid value for --option: '" + printable(o)
                        + "' (expected BACKEND.KEY=VALUE, e.g. onnxruntime.spin=true)");
            }
            m.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return m;
    }
    private Inputs() {
    }

    /** Refuses an {@code --option} whose backend is none of {@code known} (the backends of this command). */
    static void checkOptionBackends(Map<String, String> options, List<String> known) {
        for (String key : options.keySet()) {
            String backend = key.substring(0, key.indexOf('.'));
            if (!known.contains(backend)) {
                throw new UsageError("invalid value for --option: unknown backend '" + printable(backend) + "' in '"
                        + printable(key) + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Refuses an {@code --option BACKEND.KEY} whose backend does not read KEY ({@link Backend#optionKeys()}). */
    static void checkOptionKeys(Map<String, String> options, org.opbench.spi.Backends backends) {
        for (String key : options.keySet()) {
            int dot = key.indexOf('.');
            org.opbench.spi.Backend b = backends.get(key.substring(0, dot));
            List<String> keys = b == null ? List.of() : b.optionKeys();
            if (b != null && !keys.contains(key.substring(dot + 1))) {
                throw new UsageError("invalid value for --option: " + b.name() + " has no option '"
                        + printable(key.substring(dot + 1)) + "' in '" + printable(key) + "' (" + (keys.isEmpty()
                        ? "it takes none" : "its options: " + String.join(", ", keys.stream()
                        .map(k -> b.name() + "." + k).toList())) + ")");
            }
        }
    }

    static ShapeSet shapeSet(String nameOrFile) {
        try {
            return ShapeSets.resolve(nameOrFile, OpbenchHome.tensorsDir());
        } catch (InputFileException e) {
            throw new UsageError("invalid shape set: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static Op op(String text) {
        try {
            return Op.parse(text);
        } catch (ProblemException e) {
            throw new UsageError("invalid value for --op: " + e.getMessage());
        }
    }

    static org.opbench.problem.Problem problem(Op op, String text) {
        try {
            return Problems.parse(op, text);
        } catch (ProblemException e) {
            throw new UsageError("invalid value for --shape '" + printable(text) + "': " + e.getMessage());
        }
    }

    /** Positive integers from a comma list such as {@code 1,2,4}. */
    static List<Integer> positiveInts(String option, List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                int n;
                try {
                    n = org.opbench.problem.Numbers.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    n = 0;
                }
                if (n < 1) {
                    throw new UsageError("invalid value for " + option + ": '" + printable(part)
                            + "' is not a positive integer");
                }
                if (out.contains(n)) {
                    throw new UsageError("invalid value for " + option + ": " + n + " is given twice");
                }
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The names of a comma-list option such as {@code --backends a,b}: an empty name ({@code --backends ''},
     * {@code a,,b}) or one given twice is a usage error naming {@code option}.
     */
    static List<String> names(String option, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                if (part.isBlank()) {
                    throw new UsageError("invalid value for " + option + ": '" + printable(v)
                            + "' has an empty name");
                }
                if (out.contains(part.strip())) {
                    throw new UsageError("invalid value for " + option + ": '" + printable(part.strip())
                            + "' is given twice");
                }
                out.add(part.strip());
            }
        }
        return out;
    }

    static List<String> names(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
