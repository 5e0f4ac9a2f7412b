package org.opbench.network.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opbench.problem.Layer;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;

/**
 * Predicts a network's time from operator-sweep points: the sum over its conv, fc and pool layers (collapsed, with
 * repeat counts) of the layer's median time times its repeat count, for each (backend, algorithm) swept, for each
 * backend with its best algorithm per layer, and for the best backend and algorithm per layer. Where network
 * records of the same model, batch and threads are present, each prediction is put next to the measured median
 * time per batch. Layers without an ok point leave the prediction partial ({@link Estimate#covered()}).
 */
public final class Estimator {
    /** Label of the rows that pick the best algorithm per layer. */
    public static final String BEST = "(best per layer)";

    private Estimator() {
    }

    /** The point chosen for one layer. */
    public record Choice(Layer layer, String backend, String algorithm, Double timeUs) {
    }

    /**
     * One prediction.
     *
     * @param backend    a backend, or {@link #BEST} for the best backend per layer
     * @param algorithm  an algorithm, or {@link #BEST}
     * @param covered    layers (lines) with a time
     * @param predictedUs sum of time x repeat over the covered layers
     * @param measuredUs the measured median time per batch of the matching network records, or null
     */
    public record Estimate(String backend, String algorithm, int threads, int covered, int total, double predictedUs,
                           Double measuredUs, String measuredWhat, List<Choice> choices) {
        /** predicted / measured - 1, or null. */
        public Double error() {
            return measuredUs == null || covered < total ? null : predictedUs / measuredUs - 1;
        }
    }

    public static List<Estimate> estimate(String model, int batch, List<Layer> layers, List<PointRecord> points,
                                          List<NetworkRecord> networks) {
        Set<Integer> threads = new TreeSet<>();
        points.stream().filter(PointRecord::ok).forEach(p -> threads.add(p.threads()));
        List<Estimate> out = new ArrayList<>();
        for (int t : threads) {
            List<PointRecord> mine = points.stream().filter(p -> p.ok() && p.threads() == t && p.batch() == batch)
                    .toList();
            Set<String> pairs = new LinkedHashSet<>();
            Set<String> backends = new LinkedHashSet<>();
            for (PointRecord p : mine) {
                pairs.add(p.backend() + "\t" + p.algorithm());
                backends.add(p.backend());
            }
            // the fp32 network's time: an int8 network run (QDQ model) is not the sum of these points
            List<NetworkRecord> measured = networks.stream().filter(n -> n.ok() && model.equals(n.model())
                    && n.batch() == batch && n.threads() == t && n.dtypeOrF32().equals("f32")).toList();
            for (String pair : pairs) {
                String[] ba = pair.split("\t");
                out.add(row(ba[0], ba[1], t, layers, mine, p -> p.backend().equals(ba[0])
                        && p.algorithm().equals(ba[1]), measured, n -> ba[0].equals(n.backend())
                        && ba[1].equals(n.algorithm())));
            }
            for (String b : backends) {
                out.add(row(b, BEST, t, layers, mine, p -> p.backend().equals(b), measured,
                        n -> b.equals(n.backend())));
            }
            out.add(row(BEST, BEST, t, layers, mine, p -> true, measured, n -> true));
        }
        return out;
    }

    private static Estimate row(String backend, String algorithm, int threads, List<Layer> layers,
                                List<PointRecord> points, java.util.function.Predicate<PointRecord> use,
                                List<NetworkRecord> networks, java.util.function.Predicate<NetworkRecord> match) {
        Map<String, PointRecord> best = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!use.test(p)) {
                continue;
            }
            String key = p.op() + "|" + p.problem();
            PointRecord old = best.get(key);
            if (old == null || p.timeUs().median() < old.timeUs().median()) {
                best.put(key, p);
            }
        }
        List<Choice> choices = new ArrayList<>();
        double sum = 0;
        int covered = 0;
        for (Layer l : layers) {
            PointRecord p = best.get(l.problem().op().id() + "|" + l.problem().descriptor());
            if (p == null) {
                choices.add(new Choice(l, null, null, null));
            } else {
                choices.add(new Choice(l, p.backend(), p.algorithm(), p.timeUs().median()));
                sum += p.timeUs().median() * l.repeat();
                covered++;
            }
        }
        NetworkRecord fastest = null;
        for (NetworkRecord n : networks) {
            if (match.test(n) && n.timeUs() != null
                    && (fastest == null || n.timeUs().median() < fastest.timeUs().median())) {
                fastest = n;
            }
        }
        Double measured = fastest == null ? null : fastest.timeUs().median();
        String what = fastest == null ? null : fastest.backend() + " " + fastest.algorithm();
        return new Estimate(backend, algorithm, threads, covered, layers.size(), sum, measured, what, choices);
    }

    /** Operators whose layers operator sweeps time. */
    public static final Set<String> SWEPT_OPS = Set.of("conv", "fc", "pool");

    /**
     * How much of a measured network time its conv, fc and pool layers hold, from the framework's layer profile of
     * that measurement (the share of summed kernel times whose layer is conv, fc or pool; layers fused into such a
     * kernel count with it, since their work is in its time).
     *
     * @param network  an ok network record
     * @param share    that share, in [0, 1]
     * @param kernels  the profile's layer records with a time (kernels and inserted kernels)
     */
    public record Coverage(NetworkRecord network, double share, int kernels) {
    }

    /** The coverage of every ok network record of {@code model} at {@code batch} that has layer records. */
    public static List<Coverage> coverage(String model, int batch, List<NetworkRecord> networks,
                                          List<LayerRecord> layers) {
        List<Coverage> out = new ArrayList<>();
        for (NetworkRecord n : networks) {
            if (!n.ok() || !model.equals(n.model()) || n.batch() != batch) {
                continue;
            }
            double total = 0;
            double swept = 0;
            int kernels = 0;
            for (LayerRecord l : layers) {
                if (!model.equals(l.model()) || l.batch() != batch || l.threads() != n.threads()
                        || !java.util.Objects.equals(l.backend(), n.backend())
                        || !java.util.Objects.equals(l.algorithm(), n.algorithm()) || l.timeUs() <= 0) {
                    continue;
                }
                total += l.timeUs();
                kernels++;
                if (!l.inserted() && SWEPT_OPS.contains(l.op())) {
                    swept += l.timeUs();
                }
            }
            if (kernels > 0) {
                out.add(new Coverage(n, swept / total, kernels));
            }
        }
        return out;
    }
}
