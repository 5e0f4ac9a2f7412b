package org.opbench.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.PointRecord;

/**
 * The roofline model (Williams, Waterman, Patterson 2009): each ok point at its operational intensity
 * ({@code flops / bytes}, bytes being the minimal traffic of {@code Counts}) and its achieved GFLOPS, under the
 * attainable peak {@code min(compute ceiling, intensity x bandwidth ceiling)} measured by {@code opbench peaks} for
 * the point's thread count (or for its device, where a ceiling names the device the point ran on). Without a peaks
 * record, points are placed without ceilings and {@link Result#note()} says so.
 */
public final class Roofline {
    private Roofline() {
    }

    /**
     * @param attainableGflops {@code min(peak, intensity x bandwidth)} (null without ceilings)
     * @param fraction         achieved / attainable (null without ceilings)
     * @param bound            {@code compute} or {@code memory}: which roof is lower at this intensity (null without both)
     */
    public record Placed(String network, String layer, String op, String problem, String config, String device,
                         int batch, int threads, double intensity, double gflops, Double peakGflops,
                         Double bandwidthGbps, Double attainableGflops, Double fraction, String bound) {
    }

    /** A roof: the ceilings of one thread count (or one device); either may be null where not measured. */
    public record Roof(String label, String device, Integer threads, Double peakGflops, String peakSource,
                       Double bandwidthGbps, String bandwidthSource, Double theoreticalGflops) {
        /** The intensity where the bandwidth roof meets the compute roof (null unless both are known). */
        public Double ridge() {
            return peakGflops != null && bandwidthGbps != null && bandwidthGbps > 0 ? peakGflops / bandwidthGbps : null;
        }
    }

    public record Result(List<Placed> points, List<Roof> roofs, String note) {
    }

    public static Result of(List<PointRecord> points, PeaksRecord peaks) {
        List<Placed> placed = new ArrayList<>();
        TreeSet<Integer> threads = new TreeSet<>();
        List<Map.Entry<String, Integer>> devices = new ArrayList<>(); // (device, threads) with device ceilings
        int withoutRoof = 0;
        for (PointRecord p : points) {
            if (!Points.timed(p) || p.flops() <= 0 || p.bytes() <= 0) {
                continue;
            }
            double intensity = (double) p.flops() / p.bytes();
            double gflops = p.flops() / (p.timeUs().median() * 1e3);
            Ceiling compute = null;
            Ceiling bandwidth = null;
            if (peaks != null) {
                compute = peaks.bestDevice(Ceiling.COMPUTE, p.device(), p.threads());
                bandwidth = peaks.bestDevice(Ceiling.BANDWIDTH, p.device(), p.threads());
                if (compute != null || bandwidth != null) {
                    Map.Entry<String, Integer> key = Map.entry(p.device(), p.threads());
                    if (!devices.contains(key)) {
                        devices.add(key);
                    }
                } else {
                    compute = peaks.bestCpu(Ceiling.COMPUTE, p.threads());
                    bandwidth = peaks.bestCpu(Ceiling.BANDWIDTH, p.threads());
                    threads.add(p.threads());
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
                    attainable == null ? null : gflops / attainable, bound));
        }
        List<Roof> roofs = new ArrayList<>();
        if (peaks != null) {
            for (int t : threads) {
                Ceiling c = peaks.bestCpu(Ceiling.COMPUTE, t);
                Ceiling b = peaks.bestCpu(Ceiling.BANDWIDTH, t);
                Double theo = peaks.theoretical() == null ? null : peaks.theoretical().forThreads(t);
                roofs.add(new Roof("cpu, " + t + (t == 1 ? " thread" : " threads"), Ceiling.CPU, t,
                        c == null ? null : c.value(), c == null ? null : c.name(), b == null ? null : b.value(),
                        b == null ? null : b.name(), theo));
            }
            for (Map.Entry<String, Integer> key : devices) {
                String d = key.getKey();
                int t = key.getValue();
                Ceiling c = peaks.bestDevice(Ceiling.COMPUTE, d, t);
                Ceiling b = peaks.bestDevice(Ceiling.BANDWIDTH, d, t);
                boolean perThreads = (c != null && c.threads() != null) || (b != null && b.threads() != null);
                String label = perThreads ? d + ", " + t + (t == 1 ? " thread" : " threads") : d;
                Roof roof = new Roof(label, d, perThreads ? t : null, c == null ? null : c.value(),
                        c == null ? null : c.name(), b == null ? null : b.value(), b == null ? null : b.name(), null);
                if (!roofs.contains(roof)) {
                    roofs.add(roof);
                }
            }
        }
        String note;
        if (peaks == null) {
            note = "no peaks record given: points are placed without ceilings (run 'opbench peaks' and pass its file)";
        } else if (withoutRoof > 0) {
            note = withoutRoof + " point(s) ran at a thread count or on a device that the peaks record has no ceiling for";
        } else {
            note = null;
        }
        return new Result(placed, roofs, note);
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
