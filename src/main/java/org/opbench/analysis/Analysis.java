package org.opbench.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opbench.result.PointRecord;

/** Everything {@code analyze} prints and {@code report} shows, computed once from a {@link ResultSet}. */
public record Analysis(ResultSet input, Speedups.Result speedups, Tuners.Result tuners, List<Schedules.Schedule> schedules,
                       Roofline.Result roofline, List<PointRecord> notOk) {

    /**
     * @param baselineOption {@code BACKEND/ALGORITHM[/TUNER]}, or null for the default
     * @throws IllegalArgumentException for a malformed baseline or one whose backend has no point in the results
     */
    public static Analysis of(ResultSet input, String baselineOption) {
        List<PointRecord> points = input.points();
        Baseline baseline = Speedups.resolve(baselineOption, points);
        if (baseline != null && baselineOption != null) {
            Set<String> backends = new LinkedHashSet<>();
            points.forEach(p -> backends.add(p.backend()));
            if (!backends.contains(baseline.backend())) {
                throw new IllegalArgumentException("baseline backend '" + baseline.backend()
                        + "' has no points in these results (backends: " + String.join(", ", backends) + ")");
            }
        }
        Speedups.Result speedups = baseline == null ? null : Speedups.of(points, baseline);
        return new Analysis(input, speedups, Tuners.of(points), Schedules.of(points),
                Roofline.of(points, input.latestPeaks()), input.notOk());
    }
}
