package org.opbench.analysis;

import java.util.List;
import org.opbench.result.PointRecord;

/**
 * What speedups are measured against: {@code BACKEND/ALGORITHM[/TUNER]} (tuner {@code none} when omitted). The
 * default ({@link #defaultFor(List)}) is the untuned {@code direct} (else first) algorithm of the first backend in
 * the results that is not the reference; the reference only where it is the one backend there.
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

    public static Baseline defaultFor(String backend) {
        return new Baseline(backend, DEFAULT_ALGORITHM, Points.UNTUNED);
    }

    /**
     * The default baseline of these points: the first backend with an ok point, in the order the points list them,
     * that is not {@link Points#REFERENCE}; the reference where it is the only backend with an ok point. Without any
     * ok point, the first backend other than the reference. Its untuned {@code direct} algorithm, else its first
     * untuned algorithm in the results (a library whose default algorithm is {@code auto}). Null for no points.
     */
    public static Baseline defaultFor(List<PointRecord> points) {
        List<PointRecord> ok = points.stream().filter(Points::timed).toList();
        String chosen = firstNonReference(ok);
        if (chosen == null && !ok.isEmpty()) {
            chosen = ok.get(0).backend();
        }
        if (chosen == null) {
            chosen = firstNonReference(points);
        }
        if (chosen == null && !points.isEmpty()) {
            chosen = points.get(0).backend();
        }
        if (chosen == null) {
            return null;
        }
        String backend = chosen;
        List<PointRecord> mine = (ok.isEmpty() ? points : ok).stream().filter(p -> p.backend().equals(backend))
                .filter(p -> Points.UNTUNED.equals(p.tuner())).toList();
        String algorithm = mine.stream().anyMatch(p -> p.algorithm().equals(DEFAULT_ALGORITHM)) || mine.isEmpty()
                ? DEFAULT_ALGORITHM : mine.get(0).algorithm();
        return new Baseline(backend, algorithm, Points.UNTUNED);
    }

    private static String firstNonReference(List<PointRecord> points) {
        for (PointRecord p : points) {
            if (!Points.REFERENCE.equals(p.backend())) {
                return p.backend();
            }
        }
        return null;
    }

    public String label() {
        return backend + "/" + algorithm + (Points.UNTUNED.equals(tuner) ? "" : "/" + tuner);
    }
}
