package org.opbench.problem;

/**
 * The one parser of numbers written by people (command-line values, descriptors, shape sets): ASCII digits only
 * (no fullwidth or other Unicode digits, no {@code Infinity}, {@code NaN}, hexadecimal or type suffixes), an
 * optional leading sign, and for decimals an optional fraction and exponent. Every failure is a
 * {@link NumberFormatException} whose message quotes the text (non-printable characters escaped) and says why.
 */
public final class Numbers {
    private Numbers() {
    }

    /** A decimal integer of ASCII digits with an optional sign. */
    public static long parseLong(String text) {
        String s = text == null ? "" : text;
        int i = (s.startsWith("-") || s.startsWith("+")) ? 1 : 0;
        if (i == s.length()) {
            throw new NumberFormatException("'" + printable(s) + "' is not a number");
        }
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("'" + printable(s) + "' is not an integer (ASCII digits only)");
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + printable(s) + "' is out of range");
        }
    }

    /** A decimal integer that fits an int. */
    public static int parseInt(String text) {
        long v = parseLong(text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NumberFormatException("'" + printable(text) + "' is out of range (at most "
                    + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** A finite decimal number: ASCII digits, optional sign, fraction and exponent ({@code 0.3}, {@code 1e-3}). */
    public static double parseDouble(String text) {
        String s = text == null ? "" : text;
        if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw new NumberFormatException("'" + printable(s) + "' is not a decimal number (ASCII digits only)");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new NumberFormatException("'" + printable(s) + "' is out of range");
        }
        return v;
    }

    static String printable(String s) {
        return DescriptorTokens.printable(s == null ? "" : s);
    }
}
