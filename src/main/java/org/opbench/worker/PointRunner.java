package org.opbench.worker;

import java.util.Map;
import org.opbench.env.Emulation;
import org.opbench.measure.Check;
import org.opbench.measure.Harness;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.Samples;
import org.opbench.measure.Sensors;
import org.opbench.measure.Stats;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
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
 * Measures one point: support check, seeded inputs, prepare (timed as prepare_ms), warm-up and timed
 * repetitions, then the output compared with the reference. A wrong output is a {@code mismatch} without
 * timing figures; a library error is {@code failed} with the library's message.
 */
public final class PointRunner {
    private final Backend backend;
    private final Availability availability;
    private final MeasureSettings settings;
    private final Harness harness;
    private final ReferenceCache cache;
    private final long seed;
    private final Map<String, String> options;

    public PointRunner(Backend backend, Availability availability, MeasureSettings settings, long seed,
                       Map<String, String> options) {
        this.backend = backend;
        this.availability = availability;
        this.settings = settings;
        this.harness = new Harness(settings);
        this.cache = new ReferenceCache(seed);
        this.seed = seed;
        this.options = options;
    }

    public PointRecord run(Task task, int threads) {
        Problem problem = task.problem();
        PointDraft d = new PointDraft(problem, task.network(), task.repeat(), backend.name(), task.algorithm(),
                task.tuner(), threads).library(availability.version(), availability.device());
        String emulation = Emulation.detect();
        d.emulated(emulation != null);
        if (emulation != null) {
            d.detail("emulation", emulation);
        }
        if (!availability.available()) {
            return d.fail(Status.UNAVAILABLE, availability.reason());
        }
        Variant variant = new Variant(task.algorithm(), task.tuner(), threads, options);
        Support support;
        try {
            support = backend.supports(problem, variant);
        } catch (RuntimeException e) {
            return d.fail(Status.FAILED, "supports() threw " + e);
        }
        if (!support.supported()) {
            return d.fail(Status.UNSUPPORTED, support.reason());
        }
        try {
            return measure(problem, variant, d);
        } catch (OutOfMemoryError e) {
            cache.clear();
            return d.fail(Status.FAILED, "out of memory: " + e.getMessage());
        }
    }

    private PointRecord measure(Problem problem, Variant variant, PointDraft d) {
        Sensors.Reading before;
        try {
            before = settings.cooldownTempC() == null ? Sensors.read()
                    : Sensors.coolDown(settings.cooldownTempC(), settings.cooldownMaxMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return d.fail(Status.SKIPPED, "interrupted during cool-down");
        }
        long held = cache.heldFor(problem);
        if (held == 0) {
            cache.clear(); // the previous problem's arrays are not needed any more
        }
        String tooBig = MemoryGuard.check(problem, backend.nativeBytes(problem, variant), held);
        if (tooBig != null) {
            return d.fail(Status.SKIPPED, tooBig);
        }
        ProblemData data = cache.data(problem);
        d.record().seed(data.seed());
        long t0 = System.nanoTime();
        PreparedOp op;
        try {
            op = backend.prepare(problem, variant, data);
        } catch (UnsupportedException e) {
            return d.fail(Status.UNSUPPORTED, e.getMessage());
        } catch (BackendException e) {
            return d.fail(Status.FAILED, "prepare: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return d.fail(Status.FAILED, "prepare: " + e);
        }
        d.record().prepareMs((System.nanoTime() - t0) / 1e6);
        d.record().tuningMs(op.tuningMs());
        try (op) {
            Samples samples = harness.measure(op);
            Sensors.Reading after = Sensors.read();
            d.record().cpuMhz(new SensorPair(before.cpuMhz(), after.cpuMhz()))
                    .tempC(new SensorPair(before.tempC(), after.tempC()));
            float[] out = op.output();
            Execution ran = op.execution(); // after timing: a profiling backend names the kernels the runs used
            d.record().impl(ran.impl());
            d.details(op.details());
            d.detail(Execution.DETAILS_KEY, ran.recorded());
            float[] expected = cache.expected(problem);
            double relErr = Check.relativeError(out, expected);
            double tolerance = Tolerance.of(ran);
            d.record().tolerance(tolerance).clock(samples.clock().id());
            if (Double.isInfinite(relErr)) {
                return d.fail(Status.MISMATCH, "the output has NaN or infinite values, or the wrong length");
            }
            d.record().relErr(relErr);
            if (!(relErr <= tolerance)) {
                return d.fail(Status.MISMATCH, String.format(java.util.Locale.ROOT,
                        "rel_err %.3g exceeds the tolerance %.3g of %s", relErr, tolerance, variant.algorithm()));
            }
            fillTimes(d, problem, samples);
            return d.ok();
        } catch (BackendException e) {
            return d.fail(Status.FAILED, "run: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return d.fail(Status.FAILED, "run: " + e);
        }
    }

    private void fillTimes(PointDraft d, Problem problem, Samples samples) {
        double[] us = Stats.micros(samples.timed());
        Stats s = Stats.of(us);
        d.record().samplesUs(us).timeUs(TimeStats.of(s)).cv(s.cv()).unstable(s.cv() > settings.cvThreshold())
                .gflops(problem.flops() / (s.median() * 1e3)).gbps(problem.bytes() / (s.median() * 1e3));
        if (samples.wall() != samples.timed()) {
            d.record().wallUs(TimeStats.of(Stats.of(Stats.micros(samples.wall()))));
        }
    }
}
