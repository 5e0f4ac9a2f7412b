package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.result.PointRecord;

/** Labels and selections of point records shared by every analysis. */
public final class Points {
    /** The tuner name of an untuned point. */
    public static final String UNTUNED = "none";

    /**
     * The backend name of the Java reference (the correctness oracle every point is checked against); the analysis
     * leaves it out of the timing numbers unless asked, and never takes it as the default baseline beside a library.
     */
    public static final String REFERENCE = "reference";

    private Points() {
    }

    /** The precision of points without a {@code dtype} (every point before precisions existed). */
    public static final String F32 = "f32";

    /** The integer precisions (ids of {@code problem.Precision}): their rates are GOPS, not floating-point operations. */
    private static final java.util.Set<String> INTEGER = java.util.Set.of("int8");

    /**
     * {@code backend/algorithm}, plus {@code /tuner} when tuned, plus {@code " "+dtype} for a precision other than
     * f32: the configuration is what runs, precision included, so no table or total ever puts an int8 point in the
     * column or sum of its f32 twin, and f32-only results read as before.
     */
    public static String config(PointRecord p) {
        return p.backend() + "/" + p.algorithm() + (UNTUNED.equals(p.tuner()) ? "" : "/" + p.tuner())
                + dtypeSuffix(p);
    }

    /** The point's precision id ({@code f32} where the record has none). */
    public static String dtype(PointRecord p) {
        return p.dtype() == null || p.dtype().isBlank() ? F32 : p.dtype();
    }

    /** {@code ""} for f32, else a space and the precision id: what labels append. */
    public static String dtypeSuffix(PointRecord p) {
        return F32.equals(dtype(p)) ? "" : " " + dtype(p);
    }

    /** Whether a precision is an integer one (its rate is in GOPS). */
    public static boolean integer(String dtype) {
        return dtype != null && INTEGER.contains(dtype);
    }

    /** {@code GOPS} for an integer precision, else {@code GFLOPS}. */
    public static String rateUnit(String dtype) {
        return integer(dtype) ? "GOPS" : "GFLOPS";
    }

    /** The layer name, or the problem descriptor for a point without one. */
    public static String layer(PointRecord p) {
        return p.layer() == null || p.layer().isBlank() ? p.problem() : p.layer();
    }

    /** The shape set the point came from, or {@code (shapes)} for problems given on the command line. */
    public static String network(PointRecord p) {
        return p.network() == null || p.network().isBlank() ? "(shapes)" : p.network();
    }

    /** Identity of a layer within its set: network, op, problem and layer name, and the precision when not f32. */
    public static String layerKey(PointRecord p) {
        return network(p) + "|" + p.op() + "|" + p.problem() + "|" + layer(p) + dtypeSuffix(p);
    }

    /**
     * One point per {@link PointRecord#key()}: the last one read (a resumed file or a later file replaces an
     * earlier measurement), kept in the order keys first appeared.
     */
    public static List<PointRecord> latest(List<PointRecord> points) {
        Map<String, PointRecord> byKey = new LinkedHashMap<>();
        for (PointRecord p : points) {
            byKey.put(p.key(), p);
        }
        return new ArrayList<>(byKey.values());
    }

    /** Whether a point has usable timing: status ok with a positive median. */
    public static boolean timed(PointRecord p) {
        return p.ok() && p.timeUs() != null && p.timeUs().median() > 0;
    }
}
