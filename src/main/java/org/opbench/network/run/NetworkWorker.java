package org.opbench.network.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opbench.measure.Check;
import org.opbench.measure.Harness;
import org.opbench.measure.Samples;
import org.opbench.measure.Tolerance;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.profile.LayerProfile;
import org.opbench.network.profile.LayerTime;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.UnsupportedException;
import org.opbench.supervisor.Sink;
import org.opbench.worker.MemoryGuard;

/**
 * Measures a network in a worker JVM, one batch size after the other. Per batch: a memory check (a batch
 * predicted not to fit is {@code skipped}); the seeded input; a reset of the resident-memory peak; loading the
 * model (prepare_ms); the first run (cold_ms); warm-up and timed runs with the operator harness; the peak memory;
 * the framework's per-layer profile; then the output checked against the reference. One {@code network} record per
 * batch, followed by its {@code layer} records. Each batch size is a unit of the supervisor's protocol.
 */
public final class NetworkWorker {
    private final NetworkJob job;
    private final NetworkTask task;
    private final NetworkBackend backend;
    private final Availability availability;
    private final NetGraph graph;
    private final Sink sink;
    private final long weightBytes;

    private NetworkWorker(NetworkJob job, NetworkBackend backend, Availability availability, NetGraph graph,
                          Sink sink) {
        this.job = job;
        this.task = job.network();
        this.backend = backend;
        this.availability = availability;
        this.graph = graph;
        this.sink = sink;
        this.weightBytes = 4 * graph.params().values().stream().mapToLong(p -> p.elements()).sum();
    }

    static void run(NetworkJob job, Sink sink) {
        NetworkBackends all = NetworkBackends.load();
        NetworkBackend backend = all.get(job.backend());
        if (backend == null) {
            throw new IllegalArgumentException("no network backend named " + job.backend() + " on the class path");
        }
        new NetworkWorker(job, backend, all.availability(backend), job.network().graph(), sink).runAll();
        sink.done();
    }

    private void runAll() {
        List<AutoBatch.Step> steps = new ArrayList<>();
        int batch = task.batches().get(0);
        int next = 0;
        while (true) {
            sink.start(batch);
            AutoBatch.Step step = measure(batch, steps.isEmpty() ? null : steps.get(steps.size() - 1));
            if (!task.auto()) {
                if (step != null) {
                    steps.add(step);
                }
                next++;
                if (next >= task.batches().size()) {
                    return;
                }
                batch = task.batches().get(next);
                continue;
            }
            if (step == null) {
                return; // the record of this batch says why (auto_stop)
            }
            steps.add(step);
            AutoBatch.Stop stop = AutoBatch.afterStep(steps, task.maxBatch(), task.minGain());
            if (stop != null) {
                int skipped = batch * 2;
                sink.start(skipped);
                emit(draft(skipped, layersOrNull(skipped)).fail(Status.SKIPPED, stop.reason(), stop.kind()));
                return;
            }
            batch *= 2;
        }
    }

    private NetLayers layersOrNull(int batch) {
        try {
            return ShapeInference.infer(graph, batch, task.model());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NetworkDraft draft(int batch, NetLayers layers) {
        return new NetworkDraft(task, job, availability, batch, layers, graph.parameterCount());
    }

    /** Measures one batch and emits its records; the step when it was measured and is ok, else null. */
    private AutoBatch.Step measure(int batch, AutoBatch.Step last) {
        String stopKind = task.auto() ? "failed" : null;
        NetLayers layers;
        try {
            layers = ShapeInference.infer(graph, batch, task.model());
        } catch (ModelException e) {
            emit(draft(batch, null).fail(Status.FAILED, e.getMessage(), stopKind));
            return null;
        }
        NetworkDraft d = draft(batch, layers);
        String out = graph.outputs().get(0);
        if (layers.outputDims().get(out) == null) { // an operator without a shape rule upstream of the output
            emit(d.fail(Status.UNSUPPORTED, "opbench cannot derive the shape of output '" + out + "' ("
                    + unknownCause(layers) + "), which it needs to hold the output", stopKind));
            return null;
        }
        if (!availability.available()) {
            emit(d.fail(Status.UNAVAILABLE, availability.reason(), stopKind));
            return null;
        }
        String memory = memoryCheck(batch, last, layers, d);
        if (memory != null) {
            emit(d.fail(Status.SKIPPED, memory, task.auto() ? "memory" : null));
            return null;
        }
        try {
            return measureFitting(batch, layers, d);
        } catch (OutOfMemoryError e) {
            System.gc();
            emit(d.fail(Status.SKIPPED, "out of memory (Java heap) at batch " + batch + ": " + e.getMessage()
                    + "; raise the worker heap with --worker-jvm-arg -Xmx...", task.auto() ? "memory" : null));
            return null;
        }
    }

    /** The first layer without a shape and why. */
    private static String unknownCause(NetLayers layers) {
        for (var l : layers.layers()) {
            if (l.outDims() == null) {
                return "layer '" + l.name() + "': " + l.note();
            }
        }
        return "no layer says why";
    }

    private String memoryCheck(int batch, AutoBatch.Step last, NetLayers layers, NetworkDraft d) {
        System.gc();
        long rss = MemoryProbe.rss();
        long predicted = AutoBatch.predict(batch, last, rss, weightBytes, layers.peakActivationBytes());
        long available = MemoryGuard.nativeAvailable();
        long limit = available > 0 && rss > 0 ? rss + available : -1;
        String what = "the memory available to this worker";
        if (task.maxMemoryMb() != null) {
            long cap = task.maxMemoryMb() * 1_000_000L;
            if (limit < 0 || cap < limit) {
                limit = cap;
                what = "--max-memory";
            }
        }
        d.detail("predicted_memory_mb", round(predicted / 1e6));
        d.detail("memory_limit_mb", limit > 0 ? round(limit / 1e6) : null);
        return AutoBatch.memory(batch, predicted, limit, what);
    }

    private AutoBatch.Step measureFitting(int batch, NetLayers layers, NetworkDraft d) {
        long[] chw = graph.inputDims();
        float[] input = NetworkInput.of(task.digest(), batch, job.seed(), chw);
        String out = graph.outputs().get(0);
        NetRequest request = new NetRequest(Path.of(task.modelFile()), graph.input(),
                new long[] {batch, chw[0], chw[1], chw[2]}, input, out, layers.outputDims().get(out), job.threads(),
                task.algorithm(), job.options(), graph, layers, task.dtype());
        d.detail("peak_reset", MemoryProbe.resetPeak());
        long baseline = MemoryProbe.rss();
        long t0 = System.nanoTime();
        NetSession session;
        try {
            session = backend.open(request);
        } catch (UnsupportedException e) {
            emit(d.fail(Status.UNSUPPORTED, e.getMessage(), task.auto() ? "unsupported" : null));
            return null;
        } catch (BackendException | RuntimeException | LinkageError e) {
            emit(d.fail(Status.FAILED, "load: " + message(e), task.auto() ? "failed" : null));
            return null;
        }
        d.record().prepareMs((System.nanoTime() - t0) / 1e6);
        float[] output;
        Samples samples;
        List<KernelTiming> kernels = null;
        Execution ran;
        try (session) {
            long c0 = System.nanoTime();
            session.run();
            d.record().coldMs((System.nanoTime() - c0) / 1e6);
            samples = new Harness(job.settings()).measure(session);
            d.record().peakMemoryMb(round(MemoryProbe.peakRss() / 1e6)).baselineMemoryMb(round(baseline / 1e6))
                    .heapPeakMb(round(MemoryProbe.heapPeak() / 1e6));
            output = session.output().clone();
            ran = session.execution();
            d.record().impl(ran.impl());
            d.details(session.details());
            d.detail(Execution.DETAILS_KEY, ran.recorded());
            if (task.profileRuns() > 0) {
                try {
                    kernels = session.profile(task.profileRuns());
                } catch (BackendException e) {
                    d.detail("profile_error", e.getMessage());
                }
            }
        } catch (BackendException | RuntimeException | LinkageError e) {
            emit(d.fail(Status.FAILED, "run: " + message(e), task.auto() ? "failed" : null));
            return null;
        }
        String mismatch = check(request, output, Tolerance.of(ran), d);
        if (mismatch != null) {
            emit(d.fail(Status.MISMATCH, mismatch, task.auto() ? "mismatch" : null));
            return null;
        }
        d.fillTimes(samples, job.settings().cvThreshold());
        List<LayerTime> times = kernels == null ? null : LayerProfile.map(layers, kernels);
        if (times != null) {
            d.record().profileRuns(task.profileRuns()).profileTotalUs(times.stream().mapToDouble(LayerTime::us).sum());
        }
        NetworkRecord record = d.ok();
        emit(record);
        if (times != null) {
            for (LayerRecord l : NetworkDraft.layerRecords(record, times)) {
                sink.record(batch, l);
            }
        }
        long peakBytes = (long) (record.peakMemoryMb() * 1e6);
        return new AutoBatch.Step(batch, record.throughputIps(), baseline, peakBytes);
    }

    /** Compares with the reference; the mismatch reason, or null (also when no reference could be had). */
    private String check(NetRequest request, float[] output, double stated, NetworkDraft d) {
        Path dir = Path.of(task.referenceDir());
        int batch = (int) request.inputShape()[0];
        float[] ref = ReferenceOutputs.cached(dir, task.digest(), batch, job.seed(), output.length);
        try {
            if (ref == null) {
                ref = ReferenceOutputs.compute(dir, task.digest(), job.seed(), request, Path.of(task.referenceFile()));
            }
        } catch (BackendException | RuntimeException e) {
            d.detail("reference_error", message(e));
            return null;
        }
        double tolerance = task.tolerance() != null ? task.tolerance() : stated;
        d.record().reference(ReferenceOutputs.NAME).tolerance(tolerance);
        double err = Check.relativeError(output, ref);
        if (Double.isInfinite(err)) {
            return "the output has NaN or infinite values, or the wrong length";
        }
        d.record().relErr(err);
        if (request.int8()) {
            d.detail("top1_agreement", top1Agreement(output, ref, batch));
        }
        if (!(err <= tolerance)) {
            return String.format(Locale.ROOT, "rel_err %.3g against %s exceeds the tolerance %.3g", err,
                    ReferenceOutputs.NAME, tolerance);
        }
        return null;
    }

    /**
     * The share of the batch's images whose largest output (top-1 class) is the same in {@code out} and {@code ref}.
     * Reported, not checked: with seeded random weights the classes are near-ties, and the relative-error bound
     * already limits a flip to classes whose reference values differ by less than twice the bound.
     */
    static double top1Agreement(float[] out, float[] ref, int batch) {
        int per = ref.length / batch;
        int same = 0;
        for (int n = 0; n < batch; n++) {
            int a = n * per;
            int b = n * per;
            for (int c = n * per; c < (n + 1) * per; c++) {
                a = ref[c] > ref[a] ? c : a;
                b = out[c] > out[b] ? c : b;
            }
            same += a == b ? 1 : 0;
        }
        return (double) same / batch;
    }

    private void emit(NetworkRecord r) {
        sink.record(r.batch(), r);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
