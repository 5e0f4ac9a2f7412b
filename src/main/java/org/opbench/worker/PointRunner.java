package org.opbench.worker;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.opbench.env.Emulation;
import org.opbench.measure.Check;
import org.opbench.measure.Disturbance;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.RoundHarness;
import org.opbench.measure.RoundObserver;
import org.opbench.measure.RoundSamples;
import org.opbench.measure.RoundStats;
import org.opbench.measure.Sensors;
import org.opbench.measure.Stats;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.result.Interval;
import org.opbench.result.Noise;
import org.opbench.result.PointRecord;
import org.opbench.result.SensorPair;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * Measures points: support check, seeded inputs, prepare (timed as prepare_ms), one run whose output is compared
 * with the reference (a wrong output is a {@code mismatch}, never timed), the rounds (see {@link RoundHarness}), and
 * the output compared again after them. A library error is {@code failed} with the library's message.
 * {@link #run} measures one point by itself; {@link GroupRunner} opens many and interleaves their rounds.
 */
public final class PointRunner {
    private final Backend backend;
    private final Availability availability;
    private final MeasureSettings settings;
    private final ReferenceCache cache;
    private final long seed;
    private final Map<String, String> options;
    private String lastRefusal;

    public PointRunner(Backend backend, Availability availability, MeasureSettings settings, long seed,
                       Map<String, String> options) {
        this.backend = backend;
        this.availability = availability;
        this.settings = settings;
        this.cache = new ReferenceCache(seed);
        this.seed = seed;
        this.options = options;
    }

    /** Measures one point by itself: its rounds are not interleaved with any other point's. */
    public PointRecord run(Task task, int threads) {
        Opened o = open(task, threads, 0);
        if (o.record() != null) {
            return o.record();
        }
        PointRecord[] out = new PointRecord[1];
        try (Prepared p = o.prepared()) {
            harness(RoundObserver.NONE).run(List.of(p.op), seed, new RoundHarness.Listener() {
                @Override
                public void starting(int point) {
                }

                @Override
                public void done(int point, RoundSamples samples) {
                    out[0] = finish(p, samples, false, seed);
                }

                @Override
                public void failed(int point, Exception error) {
                    out[0] = fail(p, error);
                }
            });
        }
        return out[0];
    }

    /** A round harness with this runner's settings and {@code observer}. */
    RoundHarness harness(RoundObserver observer) {
        return new RoundHarness(settings, observer);
    }

    /** A point opened for timing: prepared and checked ({@code prepared}), or already settled ({@code record}). */
    record Opened(Prepared prepared, PointRecord record) {
    }

    /** A point prepared, warmed up and checked against the reference, waiting for its rounds. */
    static final class Prepared implements AutoCloseable {
        final Task task;
        final PointDraft draft;
        final Problem problem;
        final Variant variant;
        final PreparedOp op;
        final float[] expected;
        final Sensors.Reading before;

        Prepared(Task task, PointDraft draft, Problem problem, Variant variant, PreparedOp op, float[] expected,
                 Sensors.Reading before) {
            this.task = task;
            this.draft = draft;
            this.problem = problem;
            this.variant = variant;
            this.op = op;
            this.expected = expected;
            this.before = before;
        }

        @Override
        public void close() {
            try {
                op.close();
            } catch (RuntimeException e) {
                // a failing close must not lose the record; the backend's message is not needed here
            }
        }
    }

    /**
     * Opens a point: support check, memory guard, seeded inputs, prepare (timed as prepare_ms), one run whose
     * output is compared with the reference. A point that cannot be timed comes back as its record. When
     * {@code heldPoints} other points are held prepared and the memory guard refuses this one, it comes back as
     * neither (both null; {@link #lastRefusal()} says why): the caller runs it later, once the others are closed.
     */
    Opened open(Task task, int threads, int heldPoints) {
        Problem problem = task.problem();
        PointDraft d = new PointDraft(problem, task.network(), task.repeat(), backend.name(), task.algorithm(),
                task.tuner(), threads).library(availability.version(), availability.device());
        String emulation = Emulation.detect();
        d.emulated(emulation != null);
        if (emulation != null) {
            d.detail("emulation", emulation);
        }
        java.util.List<Integer> pinned = org.opbench.env.Pinning.pinnedCpus();
        if (pinned != null) {
            d.detail("pinned_cpus", org.opbench.env.Pinning.format(pinned));
            d.detail("jvm_threads", org.opbench.env.Pinning.jvmThreadsMoved() != null
                    ? org.opbench.env.Pinning.jvmThreadsMoved() : "on the pinned CPUs (no CPU left for them)");
        }
        if (!availability.available()) {
            return new Opened(null, d.fail(Status.UNAVAILABLE, availability.reason()));
        }
        Variant variant = new Variant(task.algorithm(), task.tuner(), threads, options);
        Support support;
        try {
            support = backend.supports(problem, variant);
        } catch (RuntimeException e) {
            return new Opened(null, d.fail(Status.FAILED, "supports() threw " + e));
        }
        if (!support.supported()) {
            return new Opened(null, d.fail(Status.UNSUPPORTED, support.reason()));
        }
        try {
            return prepare(problem, variant, d, task, heldPoints);
        } catch (OutOfMemoryError e) {
            cache.clear();
            return new Opened(null, d.fail(Status.FAILED, "out of memory: " + e.getMessage()));
        }
    }

    private Opened prepare(Problem problem, Variant variant, PointDraft d, Task task, int heldPoints) {
        Sensors.Reading before;
        try {
            before = settings.cooldownTempC() == null ? Sensors.read()
                    : Sensors.coolDown(settings.cooldownTempC(), settings.cooldownMaxMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Opened(null, d.fail(Status.SKIPPED, "interrupted during cool-down"));
        }
        long held = cache.heldFor(problem);
        if (held == 0) {
            cache.clear(); // the previous problem's arrays are held by its prepared points, if any
        }
        String tooBig = MemoryGuard.check(problem, backend.nativeBytes(problem, variant), held);
        if (tooBig != null) {
            if (heldPoints > 0) {
                lastRefusal = tooBig;
                return new Opened(null, null);
            }
            return new Opened(null, d.fail(Status.SKIPPED, tooBig));
        }
        ProblemData data = cache.data(problem);
        d.record().seed(data.seed());
        long t0 = System.nanoTime();
        PreparedOp op;
        try {
            op = backend.prepare(problem, variant, data);
        } catch (UnsupportedException e) {
            return new Opened(null, d.fail(Status.UNSUPPORTED, e.getMessage()));
        } catch (BackendException e) {
            return new Opened(null, d.fail(Status.FAILED, "prepare: " + e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            return new Opened(null, d.fail(Status.FAILED, "prepare: " + e));
        }
        d.record().prepareMs((System.nanoTime() - t0) / 1e6);
        d.record().tuningMs(op.tuningMs());
        Prepared p = new Prepared(task, d, problem, variant, op, cache.expected(problem), before);
        PointRecord wrong;
        try {
            op.run();
            wrong = check(p, "");
        } catch (BackendException e) {
            wrong = d.fail(Status.FAILED, "run: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            wrong = d.fail(Status.FAILED, "run: " + e);
        }
        if (wrong != null) {
            p.close();
            return new Opened(null, wrong);
        }
        return new Opened(p, null);
    }

    /** Why the memory guard refused the last point {@link #open} deferred. */
    String lastRefusal() {
        return lastRefusal;
    }

    /** The mismatch record when {@code p}'s output is wrong, else null (and the tolerance and rel_err are set). */
    private PointRecord check(Prepared p, String when) throws BackendException {
        PointDraft d = p.draft;
        float[] out = p.op.output();
        Execution ran = p.op.execution(); // after running: a profiling backend names the kernels the runs used
        d.record().impl(ran.impl());
        d.details(p.op.details());
        d.detail(Execution.DETAILS_KEY, ran.recorded());
        double relErr = Check.relativeError(out, p.expected);
        double tolerance = Tolerance.of(ran, p.problem, p.expected);
        d.record().tolerance(tolerance);
        if (p.problem.dtype().quantized()) {
            d.detail("error_levels", Math.round(Tolerance.errorLevels(p.problem, out, p.expected) * 1000) / 1000.0);
        }
        if (Double.isInfinite(relErr)) {
            return d.fail(Status.MISMATCH, when + "the output has NaN or infinite values, or the wrong length");
        }
        d.record().relErr(relErr);
        if (!(relErr <= tolerance)) {
            return d.fail(Status.MISMATCH, String.format(java.util.Locale.ROOT,
                    "%srel_err %.3g exceeds the tolerance %.3g of %s", when, relErr, tolerance,
                    p.variant.algorithm()));
        }
        return null;
    }

    /** The record of a point whose run threw during its warm-up or rounds. */
    PointRecord fail(Prepared p, Exception e) {
        if (e instanceof BackendException) {
            return p.draft.fail(Status.FAILED, "run: " + e.getMessage());
        }
        return p.draft.fail(Status.FAILED, "run: " + e);
    }

    /**
     * The record of a point whose rounds are done: the output checked again (interleaving must not have disturbed
     * it), then the headline, interval and noise. Does not close the op.
     */
    PointRecord finish(Prepared p, RoundSamples samples, boolean interleaved, long orderSeed) {
        PointDraft d = p.draft;
        try {
            Sensors.Reading after = Sensors.read();
            d.record().cpuMhz(new SensorPair(p.before.cpuMhz(), after.cpuMhz()))
                    .tempC(new SensorPair(p.before.tempC(), after.tempC()));
            PointRecord wrong = check(p, interleaved ? "after its interleaved rounds: " : "after its rounds: ");
            if (wrong != null) {
                return wrong;
            }
            d.record().clock(samples.clock().id()).interleaved(interleaved);
            if (interleaved) {
                d.detail("round_order_seed", orderSeed);
                d.detail("round_seq", samples.roundSeq());
            }
            List<Integer> cpus = samples.roundNoise().stream().map(Disturbance::cpu).toList();
            if (cpus.stream().anyMatch(java.util.Objects::nonNull)) {
                d.detail("round_cpu", cpus); // the CPU the measuring thread was on after each kept round
            }
            fillTimes(d, p.problem, samples);
            return d.ok();
        } catch (BackendException e) {
            return d.fail(Status.FAILED, "run: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return d.fail(Status.FAILED, "run: " + e);
        }
    }

    private void fillTimes(PointDraft d, Problem problem, RoundSamples samples) {
        double[] us = Stats.micros(samples.timed());
        Stats s = Stats.of(us);
        RoundStats rs = RoundStats.of(us, samples.round(), samples.rounds());
        boolean mostlyDisturbed = samples.mostlyDisturbed();
        Boolean unstable = mostlyDisturbed ? Boolean.TRUE : rs.unstable(settings.ciThreshold() * 100);
        List<String> causes = samples.roundNoise().stream().map(Disturbance::cause).toList();
        String reason = !Boolean.TRUE.equals(unstable) ? null
                : mostlyDisturbed
                ? samples.disturbedKept() + " of " + samples.rounds() + " kept rounds disturbed: " + rs.cause(causes)
                : rs.cause(causes);
        d.record().samplesUs(us).samplesRound(samples.round()).timeUs(TimeStats.of(s)).cv(s.cv())
                .rounds(samples.rounds()).roundUs(rs.roundMedians())
                .ciUs(rs.ciLo() == null ? null : new Interval(rs.ciLo(), rs.ciHi())).ciPct(rs.ciPct())
                .unstable(unstable).unstableReason(reason)
                .noise(noise(samples)).warmupMs(samples.warmupNs() / 1e6).timedMs(samples.timedNs() / 1e6)
                .gflops(problem.flops() / (s.median() * 1e3)).gbps(problem.bytes() / (s.median() * 1e3));
        if (samples.wall() != samples.timed()) {
            d.record().wallUs(TimeStats.of(Stats.of(Stats.micros(samples.wall()))));
        }
    }

    /**
     * The noise counters over every round run: maxima of steal, other runnable tasks, the wait for a CPU and the
     * canary's slowdown, sums of the rest; the canary's median reading over the kept rounds.
     */
    static Noise noise(RoundSamples samples) {
        List<Disturbance> all = samples.allNoise();
        double[] pass = samples.roundNoise().stream().map(Disturbance::corePassNs).filter(Objects::nonNull)
                .mapToDouble(Long::doubleValue).toArray();
        Double corePassNs = pass.length == 0 ? null : Double.valueOf(org.opbench.result.RoundStats.median(pass));
        return new Noise(max(all, Disturbance::stealPct), max(all, Disturbance::otherRunnable),
                sum(all, Disturbance::involuntaryCs, Long::sum), max(all, Disturbance::runWaitPct),
                sum(all, Disturbance::gcMs, Double::sum), sum(all, Disturbance::jitMs, Double::sum),
                max(all, Disturbance::coreSlowdown), corePassNs, samples.disturbedRounds(), samples.reruns());
    }

    /** The largest reading of {@code field} over {@code all}, or null when none was read. */
    private static <T extends Comparable<T>> T max(List<Disturbance> all, Function<Disturbance, T> field) {
        return all.stream().map(field).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The sum of the readings of {@code field} over {@code all}, or null when none was read. */
    private static <T> T sum(List<Disturbance> all, Function<Disturbance, T> field, BinaryOperator<T> plus) {
        return all.stream().map(field).filter(Objects::nonNull).reduce(plus).orElse(null);
    }
}
