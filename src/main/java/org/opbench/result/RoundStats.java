package org.opbench.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The round-level evidence of a point, from whichever keys its record has: {@code round_us} (the median of each
 * round), else {@code samples_us} grouped by {@code samples_round}; schema-1 records have neither and give
 * {@link #NONE}. Rounds are the independent observations of a point (each a separate stretch of time, interleaved
 * with other points); the samples inside one round are not independent of each other.
 *
 * <p>Read from the record's JSON form, so it works on whatever round keys {@link PointRecord} carries in this build.
 *
 * @param roundMedians the median time of each round in microseconds, in round order; empty without rounds
 * @param samples      for each round its samples in microseconds (empty arrays where only the medians are known)
 */
public record RoundStats(double[] roundMedians, List<double[]> samples) {
    /** A point without round data. */
    public static final RoundStats NONE = new RoundStats(new double[0], List.of());

    public RoundStats {
        roundMedians = roundMedians.clone();
        samples = List.copyOf(samples);
    }

    /** The number of rounds with a median. */
    public int rounds() {
        return roundMedians.length;
    }

    /** Whether there are at least two rounds: enough for a test or an interval over rounds. */
    public boolean hasRounds() {
        return roundMedians.length >= 2;
    }

    public double[] roundMedians() {
        return roundMedians.clone();
    }

    /** The round evidence of a point record. */
    public static RoundStats of(PointRecord p) {
        return of((JsonNode) Json.mapper().valueToTree(p));
    }

    /** The round evidence of a point record's JSON form. */
    public static RoundStats of(JsonNode point) {
        JsonNode medians = point.path("round_us");
        JsonNode samples = point.path("samples_us");
        JsonNode index = point.path("samples_round");
        List<double[]> perRound = new ArrayList<>();
        if (samples.isArray() && index.isArray() && index.size() == samples.size() && samples.size() > 0) {
            int n = 0;
            for (JsonNode r : index) {
                if (!r.canConvertToInt() || r.asInt() < 0) {
                    return fromMedians(medians);
                }
                n = Math.max(n, r.asInt() + 1);
            }
            int[] count = new int[n];
            index.forEach(r -> count[r.asInt()]++);
            double[][] by = new double[n][];
            for (int r = 0; r < n; r++) {
                by[r] = new double[count[r]];
            }
            int[] fill = new int[n];
            for (int i = 0; i < samples.size(); i++) {
                int r = index.get(i).asInt();
                by[r][fill[r]++] = samples.get(i).asDouble();
            }
            double[] med = new double[n];
            int kept = 0;
            for (int r = 0; r < n; r++) {
                if (by[r].length > 0) {
                    perRound.add(by[r]);
                    med[kept++] = median(by[r]);
                }
            }
            if (medians.isArray() && medians.size() == kept) {
                double[] given = values(medians);
                if (given != null) {
                    return new RoundStats(given, perRound);
                }
            }
            return new RoundStats(Arrays.copyOf(med, kept), perRound);
        }
        return fromMedians(medians);
    }

    private static RoundStats fromMedians(JsonNode medians) {
        double[] m = medians.isArray() ? values(medians) : null;
        if (m == null || m.length == 0) {
            return NONE;
        }
        List<double[]> empty = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            empty.add(new double[0]);
        }
        return new RoundStats(m, empty);
    }

    private static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = array.get(i);
            if (!x.isNumber() || !(x.asDouble() > 0)) {
                return null;
            }
            v[i] = x.asDouble();
        }
        return v;
    }

    /** The median (mean of the two middle values for an even count); NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
