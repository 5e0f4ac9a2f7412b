package org.opbench.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.opbench.result.PointRecord;

/**
 * Everything {@code analyze} prints and {@code report} shows, computed once from a {@link ResultSet}.
 *
 * @param timed         the points that enter the timing numbers (speedups, tuners, schedules, roofline, the report's
 *                      GFLOPS plot): every point, less the reference's unless it is included or the only backend
 *                      with ok points
 * @param baselineNote  which baseline was used and why (null when there are no points)
 * @param referenceNote whether the reference is in the timing numbers (null when it has no ok point)
 * @param precisions    the speedup of each precision over f32 per layer and backend
 */
public record Analysis(ResultSet input, List<PointRecord> timed, Speedups.Result speedups, Tuners.Result tuners,
                       List<Schedules.Schedule> schedules, Roofline.Result roofline, List<PointRecord> notOk,
                       String baselineNote, String referenceNote, Precisions.Result precisions) {

    /** {@link #of(ResultSet, String, boolean)} with the reference left out of the timing numbers. */
    public static Analysis of(ResultSet input, String baselineOption) {
        return of(input, baselineOption, false);
    }

    /**
     * @param baselineOption   {@code BACKEND/ALGORITHM[/TUNER]}, or null for the default
     * @param includeReference whether the reference's points enter the timing numbers where other backends have ok
     *                         points too (they always do where it is the only one)
     * @throws IllegalArgumentException for a malformed baseline or one whose backend has no point in the results
     */
    public static Analysis of(ResultSet input, String baselineOption, boolean includeReference) {
        List<PointRecord> points = input.points();
        Set<String> backends = new LinkedHashSet<>();
        points.forEach(p -> backends.add(p.backend()));
        Baseline baseline = Speedups.resolve(baselineOption, points);
        if (baseline != null && baselineOption != null && !backends.contains(baseline.backend())) {
            throw new IllegalArgumentException("baseline backend '" + baseline.backend()
                    + "' has no points in these results (backends: " + String.join(", ", backends) + ")");
        }
        Set<String> measured = new LinkedHashSet<>(); // backends with an ok point
        points.stream().filter(Points::timed).forEach(p -> measured.add(p.backend()));
        boolean hasReference = measured.contains(Points.REFERENCE);
        boolean onlyReference = hasReference && measured.size() == 1;
        boolean dropReference = hasReference && !onlyReference && !includeReference;
        Predicate<PointRecord> shown = p -> !(dropReference && Points.REFERENCE.equals(p.backend()));
        List<PointRecord> timed = points.stream().filter(shown).toList();

        String baselineNote = null;
        if (baseline != null) {
            baselineNote = "baseline " + baseline.label() + ": " + (baselineOption != null ? "named with --baseline"
                    : Points.REFERENCE.equals(baseline.backend())
                    ? "the reference, the only backend with ok points in these results"
                    : "the first backend in these results other than the reference (the default; --baseline "
                            + "BACKEND/ALGORITHM names another)");
        }
        String referenceNote = !hasReference ? null
                : onlyReference ? "the reference is the only backend with ok points in these results, so its timings are shown"
                : dropReference ? "the reference backend (the correctness oracle every point is checked against) is "
                        + "left out of the timing numbers; --include-reference puts it in"
                : "the reference backend is in the timing numbers (--include-reference)";

        Speedups.Result speedups = baseline == null ? null : Speedups.of(points, baseline, shown);
        return new Analysis(input, timed, speedups, Tuners.of(timed), Schedules.of(timed),
                Roofline.of(timed, input.latestPeaks()), input.notOk(), baselineNote, referenceNote,
                Precisions.of(timed));
    }
}
