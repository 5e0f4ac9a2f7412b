package org.opbench.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The key/value tokens of a benchdnn-style descriptor such as {@code mb1ic32ih112kh3ph1n"conv1"}:
 * lower-case keys each followed by a decimal value, an optional {@code n"name"}, and {@code _} allowed
 * between tokens. Every error names the offending token.
 */
final class DescriptorTokens {
    private final String text;
    private final Map<String, Long> values = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String name = "";

    private DescriptorTokens(String text) {
        this.text = text;
    }

    static DescriptorTokens parse(String text, Set<String> allowedKeys) {
        DescriptorTokens t = new DescriptorTokens(text);
        t.scan(allowedKeys);
        return t;
    }

    private void scan(Set<String> allowedKeys) {
        if (text.isBlank()) {
            throw new ProblemException(text, "empty descriptor");
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '_') {
                i++;
                continue;
            }
            if (c < 'a' || c > 'z') {
                int end = tokenEnd(i);
                throw new ProblemException(text.substring(i, end),
                        "unexpected '" + printable(text.substring(i, end)) + "' in descriptor '" + printable(text)
                                + "' (expected a key such as ic, ih, kh followed by a number)");
            }
            int keyStart = i;
            while (i < n && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (key.equals("n") && i < n && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new ProblemException(text.substring(keyStart), "unterminated name " + printable(text.substring(keyStart)));
                }
                name = Problems.checkName(text.substring(i + 1, close));
                i = close + 1;
                continue;
            }
            int valueStart = i;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            String token = text.substring(keyStart, i);
            String digits = text.substring(valueStart, i);
            if (!allowedKeys.contains(key)) {
                throw new ProblemException(token.isEmpty() ? key : token, "unknown key '" + key + "' in '" + printable(token)
                        + "' (known for this operator: " + String.join(", ", allowedKeys) + ")");
            }
            if (digits.isEmpty() || digits.equals("-") || digits.equals("+")) {
                throw new ProblemException(token, "key '" + key + "' has no value in '" + printable(text) + "'");
            }
            if (tokens.containsKey(key)) {
                throw new ProblemException(token, "'" + key + "' given twice (" + tokens.get(key) + " and " + token + ")");
            }
            long value;
            try {
                value = Numbers.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new ProblemException(token, token + ": value out of range");
            }
            if (value > Integer.MAX_VALUE) {
                throw new ProblemException(token, token + ": value out of range (at most " + Integer.MAX_VALUE + ")");
            }
            values.put(key, value);
            tokens.put(key, token);
        }
    }

    private int tokenEnd(int i) {
        int end = i + 1;
        while (end < text.length() && !(text.charAt(end) >= 'a' && text.charAt(end) <= 'z')) {
            end++;
        }
        return end;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String name() {
        return name;
    }

    String token(String key) {
        return tokens.get(key);
    }

    /** The value of a given key as written, sign included. */
    long integer(String key) {
        return values.get(key);
    }

    /** A size that must be positive, or {@code dflt} when absent. */
    int positive(String key, int dflt) {
        if (!has(key)) {
            return dflt;
        }
        long v = values.get(key);
        if (v <= 0) {
            throw new ProblemException(token(key), token(key) + ": '" + key + "' must be positive");
        }
        return (int) v;
    }

    /** A size that must be given and positive. */
    int required(String key, String what) {
        if (!has(key)) {
            throw new ProblemException(text, "descriptor '" + printable(text) + "' lacks '" + key + "' (" + what + ")");
        }
        return positive(key, 0);
    }

    /** A value that may be zero (padding, dilation), or {@code dflt} when absent. */
    int nonNegative(String key, int dflt) {
        if (!has(key)) {
            return dflt;
        }
        long v = values.get(key);
        if (v < 0) {
            throw new ProblemException(token(key), token(key) + ": '" + key + "' must not be negative");
        }
        return (int) v;
    }
}
