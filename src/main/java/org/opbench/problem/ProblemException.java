package org.opbench.problem;

/**
 * A descriptor, shape string or shape-set line that cannot be turned into a problem.
 * {@link #token()} is the offending piece of text as the user wrote it (e.g. {@code ih0}).
 */
public class ProblemException extends IllegalArgumentException {
    private final String token;

    public ProblemException(String token, String message) {
        super(message);
        this.token = token;
    }

    public String token() {
        return token;
    }
}
