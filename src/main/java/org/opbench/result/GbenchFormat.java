package org.opbench.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Points as Google Benchmark's JSON output ({@code --benchmark_format=json}, {@code src/json_reporter.cc}), so that
 * its {@code tools/compare.py} and dashboards reading that format take opbench results unchanged.
 *
 * <p>The {@code context} comes from the first run record. Each point is one benchmark
 * {@code OP/PROBLEM/BACKEND/ALGORITHM[/TUNER]/threads:N}: one {@code iteration} entry per round (a repetition in
 * Google Benchmark's terms: {@code real_time} is the round's median, {@code iterations} its sample count), followed
 * by the {@code _mean}, {@code _median}, {@code _stddev} and {@code _cv} aggregates over the rounds as Google
 * Benchmark computes them ({@code statistics.cc}: {@code cv} is stddev / mean with {@code aggregate_unit}
 * {@code percentage}). A point without rounds (schema 1) is one repetition with the headline median, and its
 * aggregates are over its samples ({@code iterations} then is the sample count). opbench times wall-clock time
 * only: {@code cpu_time} repeats {@code real_time}, since Google Benchmark's readers require it. A point that is not
 * ok is one entry with {@code error_occurred} and {@code error_message} (status: reason).
 */
public final class GbenchFormat {
    /** The time units Google Benchmark writes, with their length in microseconds. */
    public static final Map<String, Double> UNITS = Map.of("ns", 1e-3, "us", 1.0, "ms", 1e3, "s", 1e6);

    private GbenchFormat() {
    }

    /** The document for these run records and points, times in {@code unit} (a key of {@link #UNITS}). */
    public static ObjectNode of(List<RunRecord> runs, List<PointRecord> points, String unit) {
        return of(runs, points, unit, RoundStats::of);
    }

    /** With each point's rounds given by {@code rounds}. */
    public static ObjectNode of(List<RunRecord> runs, List<PointRecord> points, String unit,
                                java.util.function.Function<PointRecord, RoundStats> rounds) {
        Double perUnit = UNITS.get(unit);
        if (perUnit == null) {
            throw new IllegalArgumentException("unknown time unit " + unit + " (expected one of ns, us, ms, s)");
        }
        ObjectNode root = Json.mapper().createObjectNode();
        context(root.putObject("context"), runs.isEmpty() ? null : runs.get(0), runs.size());
        ArrayNode benchmarks = root.putArray("benchmarks");
        Map<String, Integer> families = new LinkedHashMap<>();
        Map<String, Map<Integer, Integer>> instances = new LinkedHashMap<>();
        for (PointRecord p : points) {
            String family = family(p);
            int familyIndex = families.computeIfAbsent(family, k -> families.size());
            String name = family + "/threads:" + p.threads();
            Map<Integer, Integer> ofFamily = instances.computeIfAbsent(family, k -> new LinkedHashMap<>());
            int instance = ofFamily.computeIfAbsent(p.threads(), k -> ofFamily.size());
            point(benchmarks, p, rounds.apply(p), name, familyIndex, instance, unit, perUnit);
        }
        return root;
    }

    /** The benchmark family of a point: everything in its name but the thread count. */
    static String family(PointRecord p) {
        return p.op() + "/" + p.problem() + "/" + p.backend() + "/" + p.algorithm()
                + (p.tuner() == null || p.tuner().equals("none") ? "" : "/" + p.tuner())
                + (p.dtype() == null || p.dtype().isEmpty() || p.dtype().equals("f32") ? "" : "/" + p.dtype());
    }

    private static void context(ObjectNode c, RunRecord run, int runs) {
        HostInfo host = run == null ? null : run.host();
        c.put("date", run == null || run.started() == null ? "" : run.started());
        c.put("host_name", host == null || host.hostname() == null ? "" : host.hostname());
        c.put("executable", "opbench");
        c.put("num_cpus", host == null ? 0 : host.logicalCpus());
        // Google Benchmark writes 0 where it cannot tell the clock
        c.put("mhz_per_cpu", host == null || host.cpuMaxMhz() == null ? 0 : Math.round(host.cpuMaxMhz()));
        if (host != null && host.governor() != null) {
            // Google Benchmark's rule (sysinfo.cc): scaling is enabled unless the governor is "performance"
            c.put("cpu_scaling_enabled", !host.governor().equals("performance"));
        }
        c.putArray("caches"); // opbench does not record the caches
        c.putArray("load_avg"); // nor the load average
        c.put("library_version", "opbench " + (run == null || run.opbenchVersion() == null ? "unknown"
                : run.opbenchVersion()));
        c.put("library_build_type", "release");
        c.put("json_schema_version", 1);
        // the custom context (benchmark::AddCustomContext): string values
        if (run != null) {
            c.put("opbench_schema", Integer.toString(run.schema()));
            put(c, "opbench_git_commit", run.gitCommit());
            if (run.command() != null) {
                c.put("opbench_command", String.join(" ", run.command()));
            }
            put(c, "opbench_seed", Long.toString(run.seed()));
            if (host != null) {
                put(c, "opbench_cpu_model", host.cpuModel());
                put(c, "opbench_arch", host.arch());
                put(c, "opbench_os", host.os());
                put(c, "opbench_kernel", host.kernel());
                put(c, "opbench_jvm", host.jvm());
                put(c, "opbench_governor", host.governor());
            }
            if (run.timer() != null) {
                c.put("opbench_timer", Json.mapper().valueToTree(run.timer()).toString());
            }
            if (run.libraries() != null) {
                run.libraries().forEach((lib, facts) -> {
                    Object v = facts == null ? null : facts.get("version");
                    if (v != null) {
                        c.put("opbench_library_" + lib, v.toString());
                    }
                });
            }
        }
        if (runs > 1) {
            c.put("opbench_runs", Integer.toString(runs));
        }
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void point(ArrayNode out, PointRecord p, RoundStats rounds, String name, int family,
                              int instance, String unit, double perUnit) {
        if (!p.ok() || p.timeUs() == null || !(p.timeUs().median() > 0)) {
            ObjectNode e = entry(out, name, family, instance, "iteration", 1, p.threads());
            e.put("repetition_index", 0);
            e.put("error_occurred", true);
            e.put("error_message", p.status().id() + (p.reason() == null ? "" : ": " + p.reason()));
            times(e, 0, 0, unit);
            return;
        }
        List<double[]> reps = new ArrayList<>(); // {median us, iterations}
        List<Double> values; // what the aggregates are over
        if (rounds.hasRounds()) {
            double[] m = rounds.roundMedians();
            values = new ArrayList<>();
            for (int r = 0; r < m.length; r++) {
                int n = r < rounds.samples().size() ? rounds.samples().get(r).length : 0;
                reps.add(new double[] {m[r], Math.max(1, n)});
                values.add(m[r]);
            }
        } else {
            double[] s = p.samplesUs() == null ? new double[0] : p.samplesUs();
            reps.add(new double[] {p.timeUs().median(), Math.max(1, s.length)});
            values = new ArrayList<>();
            for (double x : s) {
                values.add(x);
            }
        }
        for (int r = 0; r < reps.size(); r++) {
            ObjectNode e = entry(out, name, family, instance, "iteration", reps.size(), p.threads());
            e.put("repetition_index", r);
            times(e, (long) reps.get(r)[1], reps.get(r)[0] / perUnit, unit);
            counters(e, p, reps.get(r)[0]);
            label(e, p);
        }
        if (values.size() < 2) {
            return; // Google Benchmark reports no aggregates of a single run
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = mean(v);
        double sd = stddev(v, mean);
        aggregate(out, p, name, family, instance, reps.size(), v.length, "mean", mean / perUnit, unit,
                c -> mean(c), unit, v);
        aggregate(out, p, name, family, instance, reps.size(), v.length, "median", RoundStats.median(v) / perUnit,
                unit, RoundStats::median, unit, v);
        aggregate(out, p, name, family, instance, reps.size(), v.length, "stddev", sd / perUnit, unit,
                c -> stddev(c, mean(c)), unit, v);
        aggregate(out, p, name, family, instance, reps.size(), v.length, "cv", mean == 0 ? 0 : sd / mean, null,
                c -> {
                    double m = mean(c);
                    return m == 0 ? 0 : stddev(c, m) / m;
                }, unit, v);
    }

    private static void aggregate(ArrayNode out, PointRecord p, String name, int family, int instance, int reps,
                                  int count, String what, double value, String unit,
                                  ToDoubleFunction<double[]> counterStat, String timeUnit, double[] basis) {
        ObjectNode e = entry(out, name + "_" + what, family, instance, "aggregate", reps, p.threads());
        e.put("run_name", name);
        e.put("aggregate_name", what);
        e.put("aggregate_unit", unit == null ? "percentage" : "time");
        e.put("iterations", count);
        e.put("real_time", value);
        e.put("cpu_time", value);
        e.put("time_unit", unit == null ? timeUnit : unit);
        // the counters' statistic over the same values (Google Benchmark aggregates each counter alike)
        if (p.flops() > 0) {
            e.put("GFLOPS", counterStat.applyAsDouble(map(basis, t -> p.flops() / (t * 1e3))));
        }
        if (p.bytes() > 0) {
            e.put("bytes_per_second", counterStat.applyAsDouble(map(basis, t -> p.bytes() / (t * 1e-6))));
        }
        label(e, p);
    }

    private static double[] map(double[] t, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = f.applyAsDouble(t[i]);
        }
        return out;
    }

    private static ObjectNode entry(ArrayNode out, String name, int family, int instance, String type, int reps,
                                    int threads) {
        ObjectNode e = out.addObject();
        e.put("name", name);
        e.put("family_index", family);
        e.put("per_family_instance_index", instance);
        e.put("run_name", name);
        e.put("run_type", type);
        e.put("repetitions", reps);
        e.put("threads", Math.max(1, threads));
        return e;
    }

    private static void times(ObjectNode e, long iterations, double time, String unit) {
        e.put("iterations", iterations);
        e.put("real_time", time);
        e.put("cpu_time", time);
        e.put("time_unit", unit);
    }

    private static void counters(ObjectNode e, PointRecord p, double us) {
        if (p.flops() > 0) {
            e.put("GFLOPS", p.flops() / (us * 1e3));
        }
        if (p.bytes() > 0) {
            e.put("bytes_per_second", p.bytes() / (us * 1e-6));
        }
    }

    private static void label(ObjectNode e, PointRecord p) {
        if (p.impl() != null && !p.impl().isBlank()) {
            e.put("label", p.impl());
        }
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    /** The sample standard deviation (n - 1), as Google Benchmark's StatisticsStdDev. */
    static double stddev(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
