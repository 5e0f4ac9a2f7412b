package org.opbench.network;

/**
 * A network that cannot be read or understood: names the model (file path or built-in name) and the reason,
 * e.g. {@code model.onnx: node 'conv1' (Conv): input 'W' is neither a graph input, an initializer nor the output
 * of an earlier node (missing initializer?)}.
 */
public final class ModelException extends RuntimeException {
    private final String source;
    private final String reason;

    public ModelException(String source, String reason) {
        super(source + ": " + reason);
        this.source = source;
        this.reason = reason;
    }

    public ModelException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file or built-in name the problem is in. */
    public String source() {
        return source;
    }

    public String reason() {
        return reason;
    }
}
