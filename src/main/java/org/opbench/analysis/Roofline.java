package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.PointRecord;

/**
 * The roofline model (Williams, Waterman, Patterson 2009): each ok point at its operational intensity
 * ({@code flops / bytes}, bytes being the minimal traffic of {@code Counts}) and its achieved GFLOPS (GOPS for an
 * integer precision), under the attainable peak {@code min(compute ceiling, intensity x bandwidth ceiling)} measured
 * by {@code opbench peaks} for the point's thread count (or for its device, where a ceiling names the device the
 * point ran on). Without a peaks record, points are placed without ceilings and {@link Result#note()} says so.
 *
 * <p>Precision: each point is placed under the compute ceiling of its own precision ({@code dtype} of the ceiling
 * entry; an entry without one is f32). Where no ceiling of the point's precision was measured for its threads or
 * device, the f32 ceiling is used and {@link Result#notes()} says so; {@link Placed#ceilingDtype()} names the
 * precision of the ceiling the point sits under. The bandwidth ceiling is the same for every precision.
 */
public final class Roofline {
    private Roofline() {
    }

    /**
     * @param attainableGflops {@code min(peak, intensity x bandwidth)} (null without ceilings)
     * @param fraction         achieved / attainable (null without ceilings)
     * @param bound            {@code compute} or {@code memory}: which roof is lower at this intensity (null without both)
     * @param dtype            the point's precision
     * @param ceilingDtype     the precision of the compute ceiling used (differs from dtype after a fallback to f32;
     *                         null without a compute ceiling)
     */
    public record Placed(String network, String layer, String op, String problem, String config, String device,
                         int batch, int threads, double intensity, double gflops, Double peakGflops,
                         Double bandwidthGbps, Double attainableGflops, Double fraction, String bound, String dtype,
                         String ceilingDtype) {
    }

    /**
     * A roof: the ceilings of one thread count (or one device) for one precision; either may be null where not
     * measured.
     *
     * @param dtype the precision of the points under it
     * @param peakDtype the precision of the compute ceiling (f32 where the points' own was not measured)
     */
    public record Roof(String label, String device, Integer threads, Double peakGflops, String peakSource,
                       Double bandwidthGbps, String bandwidthSource, Double theoreticalGflops, String dtype,
                       String peakDtype) {
        /** The intensity where the bandwidth roof meets the compute roof (null unless both are known). */
        public Double ridge() {
            return peakGflops != null && bandwidthGbps != null && bandwidthGbps > 0 ? peakGflops / bandwidthGbps : null;
        }

        /** Whether the compute ceiling is f32's standing in for an unmeasured precision. */
        public boolean fallback() {
            return peakDtype != null && !peakDtype.equals(dtype);
        }
    }

    /**
     * @param note  the first of {@code notes} (null when there is none), for callers that show one line
     * @param notes what a reader must know: no peaks record, points without ceilings, precisions placed under f32
     */
    public record Result(List<Placed> points, List<Roof> roofs, String note, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** The ceilings that apply to one point: compute (of its precision, else f32) and bandwidth. */
    private record Pick(Ceiling compute, Ceiling bandwidth, String deviceKey) {
    }

    public static Result of(List<PointRecord> points, PeaksRecord peaks) {
        List<Placed> placed = new ArrayList<>();
        // roof identity (device|threads|dtype) -> the roof, in order of first use
        Map<String, Roof> roofs = new LinkedHashMap<>();
        Map<String, Set<String>> fallbacks = new TreeMap<>(); // dtype -> where its ceiling was missing
        int withoutRoof = 0;
        for (PointRecord p : points) {
            if (!Points.timed(p) || p.flops() <= 0 || p.bytes() <= 0) {
                continue;
            }
            String dtype = Points.dtype(p);
            double intensity = (double) p.flops() / p.bytes();
            double gflops = p.flops() / (p.timeUs().median() * 1e3);
            Ceiling compute = null;
            Ceiling bandwidth = null;
            if (peaks != null) {
                Pick pick = pick(peaks, p.device(), p.threads(), dtype);
                compute = pick.compute();
                bandwidth = pick.bandwidth();
                if (compute != null || bandwidth != null) {
                    String where = pick.deviceKey() == null ? "cpu, " + threads(p.threads())
                            : roofLabel(pick.deviceKey(), compute, bandwidth, p.threads());
                    if (compute != null && !compute.dtype().equals(dtype)) {
                        fallbacks.computeIfAbsent(dtype, k -> new java.util.LinkedHashSet<>()).add(where);
                    }
                    String id = (pick.deviceKey() == null ? Ceiling.CPU + "|" + p.threads()
                            : pick.deviceKey() + "|" + where) + "|" + dtype;
                    roofs.computeIfAbsent(id, k -> roof(peaks, pick, where, p.threads(), dtype));
                }
            }
            Double peak = compute == null ? null : compute.value();
            Double bw = bandwidth == null ? null : bandwidth.value();
            Double attainable = attainable(intensity, peak, bw);
            if (attainable == null) {
                withoutRoof++;
            }
            String bound = peak != null && bw != null ? (intensity * bw < peak ? "memory" : "compute") : null;
            placed.add(new Placed(Points.network(p), Points.layer(p), p.op(), p.problem(), Points.config(p), p.device(),
                    p.batch(), p.threads(), intensity, gflops, peak, bw, attainable,
                    attainable == null ? null : gflops / attainable, bound, dtype,
                    compute == null ? null : compute.dtype()));
        }
        List<String> notes = new ArrayList<>();
        if (peaks == null) {
            notes.add("no peaks record given: points are placed without ceilings (run 'opbench peaks' and pass its file)");
        } else if (withoutRoof > 0) {
            notes.add(withoutRoof + " point(s) ran at a thread count or on a device that the peaks record has no "
                    + "ceiling for");
        }
        fallbacks.forEach((dtype, where) -> notes.add("no " + dtype + " compute ceiling measured (" + String.join("; ",
                where) + "): " + dtype + " points are placed under the f32 ceiling, which understates what " + dtype
                + " can reach"));
        return new Result(placed, new ArrayList<>(roofs.values()), notes.isEmpty() ? null : notes.get(0), notes);
    }

    private static Pick pick(PeaksRecord peaks, String device, int threads, String dtype) {
        Ceiling bandwidth = peaks.bestDevice(Ceiling.BANDWIDTH, device, threads, dtype); // bytes: any type
        Ceiling compute = peaks.bestDevice(Ceiling.COMPUTE, device, threads, dtype);
        if (compute == null && !Points.F32.equals(dtype)) {
            compute = peaks.bestDevice(Ceiling.COMPUTE, device, threads, Points.F32);
        }
        if (compute != null || bandwidth != null) {
            return new Pick(compute, bandwidth, device);
        }
        bandwidth = peaks.bestCpu(Ceiling.BANDWIDTH, threads, dtype);
        compute = peaks.bestCpu(Ceiling.COMPUTE, threads, dtype);
        if (compute == null && !Points.F32.equals(dtype)) {
            compute = peaks.bestCpu(Ceiling.COMPUTE, threads, Points.F32);
        }
        return new Pick(compute, bandwidth, null);
    }

    private static Roof roof(PeaksRecord peaks, Pick pick, String label, int threads, String dtype) {
        Ceiling c = pick.compute();
        Ceiling b = pick.bandwidth();
        boolean cpu = pick.deviceKey() == null;
        Double theo = cpu && Points.F32.equals(dtype) && peaks.theoretical() != null
                ? peaks.theoretical().forThreads(threads) : null;
        boolean perThreads = cpu || (c != null && c.threads() != null) || (b != null && b.threads() != null);
        return new Roof(label + (Points.F32.equals(dtype) ? "" : ", " + dtype), cpu ? Ceiling.CPU : pick.deviceKey(),
                perThreads ? threads : null, c == null ? null : c.value(), c == null ? null : c.name(),
                b == null ? null : b.value(), b == null ? null : b.name(), theo, dtype,
                c == null ? null : c.dtype());
    }

    private static String roofLabel(String device, Ceiling c, Ceiling b, int threads) {
        boolean perThreads = (c != null && c.threads() != null) || (b != null && b.threads() != null);
        return perThreads ? device + ", " + threads(threads) : device;
    }

    private static String threads(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }

    /** {@code min(peak, intensity x bandwidth)}, or the one that is known, or null. */
    public static Double attainable(double intensity, Double peakGflops, Double bandwidthGbps) {
        Double memoryRoof = bandwidthGbps == null ? null : intensity * bandwidthGbps;
        if (peakGflops == null) {
            return memoryRoof;
        }
        return memoryRoof == null ? peakGflops : Math.min(peakGflops, memoryRoof);
    }
}
