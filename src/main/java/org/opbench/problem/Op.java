package org.opbench.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The operators opbench times. Depthwise and grouped convolutions are {@link #CONV} with {@code g > 1}. */
public enum Op {
    CONV, FC, POOL, SOFTMAX;

    /** The lower-case name used on the command line, in shape sets and in result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Op parse(String text) {
        for (Op op : values()) {
            if (op.id().equals(text)) {
                return op;
            }
        }
        throw new ProblemException(text, "unknown operator '" + text + "' (known: "
                + Arrays.stream(values()).map(Op::id).collect(Collectors.joining(", ")) + ")");
    }
}
