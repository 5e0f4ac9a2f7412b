package org.opbench.analysis;

/**
 * What speedups are measured against: {@code BACKEND/ALGORITHM[/TUNER]} (tuner {@code none} when omitted). The
 * default is the untuned {@code direct} algorithm of the first backend in the results.
 */
public record Baseline(String backend, String algorithm, String tuner) {
    public static final String DEFAULT_ALGORITHM = "direct";

    public static Baseline parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not BACKEND/ALGORITHM[/TUNER]");
        }
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'" + text + "' has an empty part (expected BACKEND/ALGORITHM[/TUNER])");
            }
        }
        return new Baseline(parts[0].strip(), parts[1].strip(),
                parts.length == 3 ? parts[2].strip() : Points.UNTUNED);
    }

    public static Baseline defaultFor(String firstBackend) {
        return new Baseline(firstBackend, DEFAULT_ALGORITHM, Points.UNTUNED);
    }

    public String label() {
        return backend + "/" + algorithm + (Points.UNTUNED.equals(tuner) ? "" : "/" + tuner);
    }
}
