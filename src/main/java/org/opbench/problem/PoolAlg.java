package org.opbench.problem;

/** Pooling algorithm, named as in benchdnn's {@code --alg}. */
public enum PoolAlg {
    /** Maximum over the window; padding never wins. */
    MAX("max"),
    /** Average over the window elements that lie inside the input (padding excluded; ONNX count_include_pad=0). */
    AVG_NP("avg_np"),
    /** Average dividing by the full window size kh*kw (padding counted as zeros). */
    AVG_P("avg_p");

    private final String id;

    PoolAlg(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PoolAlg parse(String text) {
        if (text.equals("avg")) {
            return AVG_NP;
        }
        for (PoolAlg a : values()) {
            if (a.id.equals(text)) {
                return a;
            }
        }
        throw new ProblemException(text, "unknown pooling algorithm '" + DescriptorTokens.printable(text)
                + "' (known: max, avg_np, avg_p; avg = avg_np)");
    }
}
