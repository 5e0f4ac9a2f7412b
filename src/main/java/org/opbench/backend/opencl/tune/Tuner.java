package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * Chooses the tiling variant and local sizes of an operator on evidence, within a time budget.
 *
 * <ul>
 *   <li>{@code none}: default tiling, local size NULL everywhere (the runtime chooses): the untuned baseline;</li>
 *   <li>{@code heuristic}: default tiling, {@link LocalSizes#heuristic} local sizes, nothing timed;</li>
 *   <li>{@code rapid} and {@code exhaustive}: a search, then a decision. The search times every candidate once
 *       (a warm-up run that absorbs the driver's compilation for a new local size, then {@link #REPS} runs, their
 *       median: its first round) and rejects at once what is slower than {@link Screen#REJECT_FACTOR} times the best
 *       so far: first the tiling variants with NULL local sizes (every variant for exhaustive, the default and up to
 *       {@link #RAPID_VARIANTS}{@code - 1} seeded random ones for rapid), then, fastest surviving variant first, each
 *       kernel's local sizes ({@link LocalSizes#pruned}: device and kernel limits, padding), each kernel timed alone
 *       (exhaustive: every surviving variant; rapid: the best one, {@link #RAPID_BUDGET} timings in all). One program
 *       build serves every local size of a variant (the local size is an enqueue argument); only the tiling defines
 *       need builds of their own. The variants' round gets at most {@link #VARIANT_SHARE} of the {@link Budget}; the
 *       search stops when the budget is spent. Then the untuned baseline and up
 *       to {@link #FINALISTS} finalists run {@link #ROUNDS} interleaved rounds (order shuffled per round, device
 *       clock) and {@link Decision} replaces the baseline only when the best finalist's gain is clearly above 1.</li>
 * </ul>
 */
public final class Tuner {
    public static final List<String> MODES = List.of("none", "heuristic", "rapid", "exhaustive");
    public static final int RAPID_BUDGET = 16;
    public static final int RAPID_VARIANTS = 6;
    /** Interleaved rounds of the finals (9 rounds: a 96% order-statistic interval from the 2nd to the 8th gain). */
    public static final int ROUNDS = 9;
    /** Configurations besides the baseline in the final rounds. */
    public static final int FINALISTS = 4;
    /** Runner-up local sizes per kernel of the best variant that also compete in the finals. */
    static final int ALTERNATES = 2;
    /** Share of the budget the tiling variants' first round may use, so that local sizes get the rest. */
    static final double VARIANT_SHARE = 0.5;
    static final int REPS = 3;
    /** A configuration whose warm-up run takes longer than this is timed once per round instead of {@link #REPS}. */
    static final long LONG_RUN_NANOS = 50_000_000L;

    private final ClContext ctx;
    private final ClOperator op;
    private final Map<Defines, List<KernelSpec>> built = new HashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, Object> search = new LinkedHashMap<>();
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

    /**
     * What the last search did (recorded as {@code details.tuning_search}): candidates timed, rejected early,
     * refused by the device, pruned, left untimed when the budget was spent, the budget, rounds and finalists.
     */
    public Map<String, Object> searchStats() {
        return Collections.unmodifiableMap(search);
    }

    /** Runs the tuner {@code mode} with the default budget; {@code seed} drives the random choices. */
    public TunedConfig choose(String mode, long seed) throws BackendException {
        return choose(mode, seed, Budget.seconds(Budget.DEFAULT_SECONDS));
    }

    /** Runs the tuner {@code mode}; the search of rapid and exhaustive stops once {@code budget} is spent. */
    public TunedConfig choose(String mode, long seed, Budget budget) throws BackendException {
        long t0 = System.nanoTime();
        Defines def = op.variants().get(0);
        TunedConfig c = switch (mode) {
            case "none" -> new TunedConfig(def, Collections.nCopies(kernels(def).size(), null), "none", 0, -1, 0);
            case "heuristic" -> new TunedConfig(def, heuristic(kernels(def)), "heuristic", 0, -1, 0);
            case "rapid" -> search(seed, budget, true);
            case "exhaustive" -> search(seed, budget, false);
            default -> throw new IllegalArgumentException("unknown tuner mode '" + mode + "' (known: " + MODES + ")");
        };
        if (c.source().equals("tuned")) {
            c = c.withTuningMs((System.nanoTime() - t0) / 1e6);
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

    /** A full configuration with its search score (sum of its kernels' first-round times). */
    private record Candidate(Defines variant, List<long[]> locals, long score) {
        String key() {
            return new TunedConfig(variant, locals, "tuned", 0, -1, 0).toString();
        }
    }

    private static List<long[]> nulls(int n) {
        return new ArrayList<>(Collections.nCopies(n, null));
    }

    private TunedConfig search(long seed, Budget budget, boolean rapid) throws BackendException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Defines> all = op.variants();
        Defines def = all.get(0);
        List<KernelSpec> defSpecs = kernels(def);
        Candidate baseline = new Candidate(def, nulls(defSpecs.size()), Long.MAX_VALUE);

        // round one of the tiling variants, with the runtime's local sizes, in at most half the budget
        Budget variantBudget = budget.part(VARIANT_SHARE);
        List<Defines> order = new ArrayList<>(all.subList(1, all.size()));
        shuffle(order, rng);
        if (rapid) {
            order = new ArrayList<>(order.subList(0, Math.min(RAPID_VARIANTS - 1, order.size())));
        }
        order.add(0, def);
        Screen.Result<Defines> vs = Screen.run(order, v -> {
            List<KernelSpec> specs = tryKernels(v, v.equals(def));
            if (specs == null) {
                return Long.MAX_VALUE;
            }
            evaluated++;
            long t = measure(specs, nulls(specs.size()));
            if (t == Long.MAX_VALUE) {
                skipped.put(v.toString(), "does not run with the runtime's local sizes");
            }
            return t;
        }, variantBudget);
        search.put("variants", all.size());
        search.put("variants_timed", vs.timed());
        search.put("variants_rejected_early", vs.rejected());
        search.put("variants_not_reached", vs.notReached());

        // round one of each kernel's local sizes, fastest variant first
        Map<String, Candidate> pool = new LinkedHashMap<>();
        int timed = 0;
        int rejected = 0;
        int failed = 0;
        int notReached = 0;
        int localSearched = 0;
        int pruned = 0;
        boolean first = true;
        for (Screen.Scored<Defines> sv : vs.kept()) {
            Defines v = sv.candidate();
            List<KernelSpec> specs = kernels(v);
            Candidate untunedLocals = new Candidate(v, nulls(specs.size()), sv.nanos());
            pool.putIfAbsent(untunedLocals.key(), untunedLocals);
            if ((rapid && !first) || budget.spent() || (rapid && evaluated >= RAPID_BUDGET)) {
                first = false;
                continue;
            }
            localSearched++;
            measure(specs, nulls(specs.size())); // every intermediate buffer holds what later kernels read
            List<List<Screen.Scored<long[]>>> perKernel = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                KernelSpec s = specs.get(i);
                long kmax = s.kernel().maxWorkGroupSize();
                List<long[]> limited = LocalSizes.all(s.work(), kmax, ctx.device());
                List<long[]> cands = new ArrayList<>(LocalSizes.pruned(s.work(), kmax, s.kernel().localMemBytes(),
                        ctx.device()));
                pruned += limited.size() - cands.size();
                long[] h = LocalSizes.heuristic(s.work(), kmax, ctx.device());
                cands.removeIf(l -> Arrays.equals(l, h));
                shuffle(cands, rng);
                cands.add(0, h);
                cands.add(0, null);
                if (rapid) {
                    int left = Math.max(0, (RAPID_BUDGET - evaluated) / (specs.size() - i));
                    cands = new ArrayList<>(cands.subList(0, Math.min(left, cands.size())));
                }
                Screen.Result<long[]> r = Screen.run(cands, c -> {
                    evaluated++;
                    return measure(List.of(s), Collections.singletonList(c));
                }, budget);
                timed += r.timed();
                rejected += r.rejected();
                failed += r.failed();
                notReached += r.notReached();
                perKernel.add(r.kept());
            }
            List<long[]> best = new ArrayList<>();
            long score = 0;
            for (List<Screen.Scored<long[]>> k : perKernel) {
                best.add(k.isEmpty() ? null : k.get(0).candidate());
                score = k.isEmpty() || score == Long.MAX_VALUE ? Long.MAX_VALUE : score + k.get(0).nanos();
            }
            Candidate assembled = new Candidate(v, best, score);
            pool.merge(assembled.key(), assembled, (a, b) -> a.score() <= b.score() ? a : b);
            if (first) {
                for (int i = 0; i < perKernel.size(); i++) {
                    List<Screen.Scored<long[]>> k = perKernel.get(i);
                    for (int j = 1; j <= ALTERNATES && j < k.size() && score != Long.MAX_VALUE; j++) {
                        List<long[]> alt = new ArrayList<>(best);
                        alt.set(i, k.get(j).candidate());
                        Candidate c = new Candidate(v, alt, score - k.get(0).nanos() + k.get(j).nanos());
                        pool.putIfAbsent(c.key(), c);
                    }
                }
            }
            first = false;
        }
        search.put("variants_local_searched", localSearched);
        search.put("local_sizes_timed", timed);
        search.put("rejected_early", rejected);
        search.put("refused_by_device", failed);
        search.put("pruned_padding", pruned);
        search.put("local_sizes_not_reached", notReached);
        search.put("budget_s", budget.limitSeconds());
        search.put("budget_stopped", budget.stoppedSearch());
        search.put("search_ms", budget.elapsedMs());

        pool.remove(baseline.key());
        List<Candidate> finalists = new ArrayList<>(pool.values());
        finalists.removeIf(c -> c.score() == Long.MAX_VALUE);
        finalists.sort(Comparator.comparingLong(Candidate::score));
        finalists = new ArrayList<>(finalists.subList(0, Math.min(FINALISTS, finalists.size())));
        List<Candidate> configs = new ArrayList<>();
        configs.add(baseline);
        configs.addAll(finalists);
        double[][] rounds = finals(configs, rng.nextLong());
        search.put("finalists", finalists.size());
        search.put("rounds", ROUNDS);
        double untunedNs = Rounds.median(rounds[0]);
        if (finalists.isEmpty()) {
            return new TunedConfig(def, baseline.locals(), "tuned", evaluated, Math.round(untunedNs), 0,
                    new TunedConfig.Evidence(untunedNs / 1e3, null,
                            "kept default: no candidate survived the search"));
        }
        int best = 1;
        for (int c = 2; c < configs.size(); c++) {
            if (Rounds.median(rounds[c]) < Rounds.median(rounds[best])) {
                best = c;
            }
        }
        Candidate b = configs.get(best);
        Decision.Verdict verdict = Decision.decide(rounds[0], rounds[best], b.key());
        Candidate chosen = verdict.tuned() ? b : baseline;
        return new TunedConfig(chosen.variant(), chosen.locals(), "tuned", evaluated,
                Math.round(Rounds.median(rounds[verdict.tuned() ? best : 0])), 0,
                new TunedConfig.Evidence(untunedNs / 1e3, verdict.gain(), verdict.reason()));
    }

    /** {@link #ROUNDS} interleaved rounds of whole-operator runs of {@code configs} (device clock, nanoseconds). */
    private double[][] finals(List<Candidate> configs, long seed) throws BackendException {
        Launch[][] launches = new Launch[configs.size()][];
        try (Profiler prof = new Profiler(maxKernels(configs))) {
            long slowest = 0;
            for (int c = 0; c < configs.size(); c++) {
                List<KernelSpec> specs = kernels(configs.get(c).variant());
                launches[c] = new Launch[specs.size()];
                for (int i = 0; i < specs.size(); i++) {
                    launches[c][i] = ctx.tempLaunch(specs.get(i).kernel(), specs.get(i).work(),
                            configs.get(c).locals().get(i));
                }
                prof.run(ctx.queue(), launches[c]); // warm-up
                slowest = Math.max(slowest, prof.deviceNanos());
            }
            int reps = slowest > LONG_RUN_NANOS ? 1 : REPS;
            double[] runs = new double[reps];
            return Rounds.run(configs.size(), ROUNDS, seed, c -> {
                for (int r = 0; r < reps; r++) {
                    prof.run(ctx.queue(), launches[c]);
                    runs[r] = prof.deviceNanos();
                }
                return Rounds.median(runs);
            });
        } finally {
            for (Launch[] ls : launches) {
                if (ls != null) {
                    for (Launch l : ls) {
                        if (l != null) {
                            l.close();
                        }
                    }
                }
            }
        }
    }

    private int maxKernels(List<Candidate> configs) {
        int n = 1;
        for (Candidate c : configs) {
            n = Math.max(n, c.locals().size());
        }
        return n;
    }

    /**
     * The first round of {@code specs} with {@code locals}: the median over {@link #REPS} runs after a warm-up run
     * (execution time, END - START); {@link Long#MAX_VALUE} when the device rejects the local size.
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
            int reps = prof.execNanos() > LONG_RUN_NANOS ? 1 : REPS;
            long[] t = new long[reps];
            for (int r = 0; r < reps; r++) {
                prof.run(ctx.queue(), launches);
                t[r] = prof.execNanos();
            }
            Arrays.sort(t);
            return t[reps / 2];
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
