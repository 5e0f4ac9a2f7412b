package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opbench.backend.opencl.cl.Cl;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.ClException;
import org.opbench.backend.opencl.cl.Launch;
import org.opbench.backend.opencl.cl.Profiler;
import org.opbench.backend.opencl.ops.ClOperator;
import org.opbench.backend.opencl.ops.Defines;
import org.opbench.backend.opencl.ops.KernelSpec;
import org.opbench.spi.BackendException;

/**
 * Chooses the tiling variant and local sizes of an operator, timing candidates with profiling events
 * (execution time, END - START, minimum of a few repetitions after a warm-up run that also absorbs
 * just-in-time compilation for a new local size).
 *
 * <ul>
 *   <li>{@code none}: default tiling, local size NULL everywhere (the runtime chooses);</li>
 *   <li>{@code heuristic}: default tiling, {@link LocalSizes#heuristic} local sizes, nothing timed;</li>
 *   <li>{@code rapid}: at most {@link #RAPID_BUDGET} configurations: up to {@link #RAPID_VARIANTS} tiling variants
 *       (the default, then a seeded random choice) with heuristic local sizes, then a seeded random coordinate
 *       search over the best variant's local sizes, one launch at a time;</li>
 *   <li>{@code exhaustive}: every tiling variant, and for each of its launches every local size of
 *       {@link LocalSizes#all} plus NULL, each launch timed alone (launches run one after another, so their
 *       best local sizes are independent).</li>
 * </ul>
 */
public final class Tuner {
    public static final List<String> MODES = List.of("none", "heuristic", "rapid", "exhaustive");
    public static final int RAPID_BUDGET = 16;
    public static final int RAPID_VARIANTS = 6;
    static final int REPS = 3;
    /** A candidate whose warm-up run takes longer than this is timed once more instead of {@link #REPS} times. */
    static final long LONG_RUN_NANOS = 50_000_000L;

    private final ClContext ctx;
    private final ClOperator op;
    private final Map<Defines, List<KernelSpec>> built = new HashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private int evaluated;

    public Tuner(ClContext ctx, ClOperator op) {
        this.ctx = ctx;
        this.op = op;
    }

    /** The kernels of {@code variant}, built once. */
    public List<KernelSpec> kernels(Defines variant) throws BackendException {
        List<KernelSpec> k = built.get(variant);
        if (k == null) {
            k = op.kernels(ctx, variant);
            built.put(variant, k);
        }
        return k;
    }

    /** Variants that failed to build or run during tuning, with the reason. */
    public Map<String, String> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** Runs the tuner {@code mode}; {@code seed} drives rapid's random choices. */
    public TunedConfig choose(String mode, long seed) throws BackendException {
        long t0 = System.nanoTime();
        Defines def = op.variants().get(0);
        TunedConfig c = switch (mode) {
            case "none" -> new TunedConfig(def, Collections.nCopies(kernels(def).size(), null), "none", 0, -1, 0);
            case "heuristic" -> new TunedConfig(def, heuristic(kernels(def)), "heuristic", 0, -1, 0);
            case "rapid" -> rapid(seed);
            case "exhaustive" -> exhaustive();
            default -> throw new IllegalArgumentException("unknown tuner mode '" + mode + "' (known: " + MODES + ")");
        };
        if (c.source().equals("tuned")) {
            c = new TunedConfig(c.variant(), c.locals(), c.source(), c.evaluated(), c.bestNanos(),
                    (System.nanoTime() - t0) / 1e6);
        }
        return c;
    }

    static List<long[]> heuristic(List<KernelSpec> specs, ClContext ctx) throws ClException {
        List<long[]> out = new ArrayList<>(specs.size());
        for (KernelSpec s : specs) {
            out.add(LocalSizes.heuristic(s.work(), s.kernel().maxWorkGroupSize(), ctx.device()));
        }
        return out;
    }

    private List<long[]> heuristic(List<KernelSpec> specs) throws ClException {
        return heuristic(specs, ctx);
    }

    /** Kernels of a non-default variant, or null (reason recorded) when they cannot be built. */
    private List<KernelSpec> tryKernels(Defines v, boolean isDefault) throws BackendException {
        try {
            return kernels(v);
        } catch (BackendException e) {
            if (isDefault) {
                throw e;
            }
            skipped.put(v.toString(), e.getMessage().lines().findFirst().orElse(e.toString()));
            return null;
        }
    }

    private TunedConfig rapid(long seed) throws BackendException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Defines> all = op.variants();
        List<Defines> order = new ArrayList<>(all.subList(1, all.size()));
        shuffle(order, rng);
        order.add(0, all.get(0));
        Defines bestV = null;
        List<long[]> bestL = null;
        long bestT = Long.MAX_VALUE;
        int tried = 0;
        for (Defines v : order) {
            if (tried == Math.min(RAPID_VARIANTS, all.size()) || evaluated >= RAPID_BUDGET) {
                break;
            }
            List<KernelSpec> specs = tryKernels(v, v.equals(all.get(0)));
            if (specs == null) {
                continue;
            }
            tried++;
            List<long[]> locals = heuristic(specs);
            long t = measure(specs, locals);
            evaluated++;
            if (t < bestT || bestV == null) {
                bestT = t;
                bestV = v;
                bestL = locals;
            }
        }
        List<KernelSpec> specs = kernels(bestV);
        List<List<long[]>> queues = new ArrayList<>();
        int[] next = new int[specs.size()];
        for (KernelSpec s : specs) {
            List<long[]> c = new ArrayList<>(LocalSizes.all(s.work(), s.kernel().maxWorkGroupSize(), ctx.device()));
            c.add(null);
            shuffle(c, rng);
            queues.add(c);
        }
        boolean progress = true;
        while (evaluated < RAPID_BUDGET && progress) {
            progress = false;
            for (int i = 0; i < specs.size() && evaluated < RAPID_BUDGET; i++) {
                long[] cand = UNSET;
                List<long[]> q = queues.get(i);
                while (next[i] < q.size() && cand == UNSET) {
                    long[] c = q.get(next[i]++);
                    if (!Arrays.equals(c, bestL.get(i))) {
                        cand = c;
                    }
                }
                if (cand == UNSET) {
                    continue;
                }
                progress = true;
                List<long[]> locals = new ArrayList<>(bestL);
                locals.set(i, cand);
                long t = measure(specs, locals);
                evaluated++;
                if (t < bestT) {
                    bestT = t;
                    bestL = locals;
                }
            }
        }
        if (bestT == Long.MAX_VALUE) {
            throw new BackendException("rapid tuning found no configuration that runs ("
                    + evaluated + " tried)");
        }
        return new TunedConfig(bestV, bestL, "tuned", evaluated, bestT, 0);
    }

    private static final long[] UNSET = new long[0];

    private TunedConfig exhaustive() throws BackendException {
        List<Defines> all = op.variants();
        Defines bestV = null;
        List<long[]> bestL = null;
        long bestT = Long.MAX_VALUE;
        for (Defines v : all) {
            List<KernelSpec> specs = tryKernels(v, v.equals(all.get(0)));
            if (specs == null) {
                continue;
            }
            // one full run first, so that every intermediate buffer holds what the later kernels read
            if (measure(specs, heuristic(specs)) == Long.MAX_VALUE) {
                skipped.put(v.toString(), "does not run with the heuristic local sizes");
                continue;
            }
            List<long[]> locals = new ArrayList<>();
            long total = 0;
            for (KernelSpec s : specs) {
                List<long[]> cands = new ArrayList<>();
                cands.add(null);
                cands.addAll(LocalSizes.all(s.work(), s.kernel().maxWorkGroupSize(), ctx.device()));
                long best = Long.MAX_VALUE;
                long[] bestLocal = null;
                for (long[] c : cands) {
                    long t = measure(List.of(s), Collections.singletonList(c));
                    evaluated++;
                    if (t < best) {
                        best = t;
                        bestLocal = c;
                    }
                }
                locals.add(bestLocal);
                total = best == Long.MAX_VALUE ? Long.MAX_VALUE : total + best;
                if (total == Long.MAX_VALUE) {
                    break;
                }
            }
            if (total < bestT) {
                bestT = total;
                bestV = v;
                bestL = locals;
            }
        }
        if (bestV == null) {
            throw new BackendException("exhaustive tuning found no configuration that runs (" + evaluated
                    + " tried; skipped: " + skipped + ")");
        }
        return new TunedConfig(bestV, bestL, "tuned", evaluated, bestT, 0);
    }

    /**
     * Execution time of {@code specs} with {@code locals}: minimum over repetitions after one warm-up run;
     * {@link Long#MAX_VALUE} when the device rejects the local size.
     */
    private long measure(List<KernelSpec> specs, List<long[]> locals) throws ClException {
        Launch[] launches = new Launch[specs.size()];
        try (Profiler prof = new Profiler(specs.size())) {
            for (int i = 0; i < launches.length; i++) {
                launches[i] = ctx.tempLaunch(specs.get(i).kernel(), specs.get(i).work(), locals.get(i));
            }
            try {
                prof.run(ctx.queue(), launches);
            } catch (ClException e) {
                if (Cl.isInvalidLaunchConfig(e.status())) {
                    return Long.MAX_VALUE;
                }
                throw e;
            }
            long best = Long.MAX_VALUE;
            int reps = prof.execNanos() > LONG_RUN_NANOS ? 1 : REPS;
            for (int r = 0; r < reps; r++) {
                prof.run(ctx.queue(), launches);
                best = Math.min(best, prof.execNanos());
            }
            return best;
        } finally {
            for (Launch l : launches) {
                if (l != null) {
                    l.close();
                }
            }
        }
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }
}
