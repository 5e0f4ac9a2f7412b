package org.opbench.peaks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.result.HostInfo;
import org.opbench.result.Json;
import org.opbench.result.Status;
import org.opbench.supervisor.Client;
import org.opbench.supervisor.Supervisor;
import org.opbench.supervisor.WorkerSpec;

/**
 * Runs the ceiling providers and assembles the {@link PeaksRecord}: CPU providers once per thread count, device
 * providers once, each a {@link CeilingJob} run by the {@link Supervisor} in a worker JVM of its own (started like
 * every worker, with the provider's environment and a heap for the triad) unless in-process. A worker that dies or
 * runs past {@link PeakSettings#timeoutS()} gets the supervisor's status in each of its ceilings.
 */
public final class PeaksRun {
    /** Told before and after each measurement (progress output). */
    public interface Listener {
        void started(CeilingProvider provider, Integer threads);

        void finished(CeilingProvider provider, Integer threads, List<Ceiling> ceilings);
    }

    /** How long each chain of the {@link EffectiveClock} runs, in the driver before the workers start. */
    static final double CLOCK_SECONDS = 0.1;

    private final PeakSettings settings;
    private final WorkerSpec spec;

    /** Workers like the driver's JVM (or none when {@code inProcess}). */
    public PeaksRun(PeakSettings settings, boolean inProcess, Path cacheDir) {
        this(settings, WorkerSpec.defaults(cacheDir, 0).inProcess(inProcess));
    }

    /**
     * Workers as {@code spec} says (launcher, java, class path, JVM arguments), each with the heap the triad
     * needs; the time limit of one (provider, threads) measurement is {@link PeakSettings#timeoutS()}.
     */
    public PeaksRun(PeakSettings settings, WorkerSpec spec) {
        this.settings = settings;
        List<String> jvmArgs = new ArrayList<>(spec.jvmArgs());
        jvmArgs.add("-Xmx" + heapMb() + "m");
        this.spec = new WorkerSpec(spec.java(), spec.classPath(), jvmArgs, spec.launcher(), spec.cacheDir(),
                (long) (settings.timeoutS() * 1000), spec.inProcess(), spec.verbose());
    }

    /** Every provider on the class path, in service-file order ({@link CeilingProviders}). */
    public static List<CeilingProvider> providers() {
        return CeilingProviders.load().all();
    }

    public static CeilingProvider provider(String name) {
        CeilingProvider p = CeilingProviders.load().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no ceiling provider named '" + name + "'");
        }
        return p;
    }

    public PeaksRecord run(List<CeilingProvider> providers, List<String> command, Listener listener)
            throws InterruptedException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HostInfo host = HostProbe.probe();
        EffectiveClock.Estimate clock = EffectiveClock.measure(host.arch(), CLOCK_SECONDS);
        CpuFacts cpu = CpuFacts.read();
        Theoretical theoretical = TheoreticalPeak.compute(host.arch(), cpu, host.cores(), host.logicalCpus(),
                host.cpuMaxMhz(), clock);
        List<TheoreticalDtype> byDtype = PrecisionPeak.compute(host.arch(), cpu, theoretical);
        List<Ceiling> ceilings = new ArrayList<>();
        Supervisor supervisor = new Supervisor(spec, "--timeout");
        for (CeilingProvider p : providers) {
            List<Integer> counts = p.perThreadCount() ? settings.threads() : java.util.Collections.singletonList(null);
            for (Integer t : counts) {
                listener.started(p, t);
                List<Ceiling> c = measure(supervisor, p, t);
                ceilings.addAll(c);
                listener.finished(p, t, c);
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("threads", settings.threads());
        s.put("reps", settings.reps());
        s.put("min_time_s", settings.minTimeS());
        s.put("triad_array_bytes", settings.triadArrayBytes());
        s.put("in_process", spec.inProcess());
        s.put("providers", providers.stream().map(CeilingProvider::name).toList());
        s.put("effective_clock", clock);
        return new PeaksRecord(PeaksRecord.KIND, Json.SCHEMA, OpbenchHome.version(), OpbenchHome.gitCommit(), command,
                started, host, s, theoretical, ceilings, byDtype);
    }

    /** One (provider, threads) measurement through the supervisor, in a worker JVM unless in-process. */
    private List<Ceiling> measure(Supervisor supervisor, CeilingProvider p, Integer threads)
            throws InterruptedException {
        List<Ceiling> got = new ArrayList<>();
        supervisor.run(CeilingJob.of(p, threads, settings), p.workerEnvironment(threads, spec.cacheDir()),
                new Client<CeilingJob>() {
                    @Override
                    public void record(CeilingJob job, int unit, JsonNode record) throws IOException {
                        got.addAll(Json.mapper().readerForListOf(Ceiling.class).readValue(record));
                    }

                    @Override
                    public void notMeasured(CeilingJob job, int unit, Status status, String reason) {
                        got.addAll(PeaksRun.notMeasured(p, threads, status.id(), reason));
                    }

                    @Override
                    public String describe(CeilingJob job, int unit) {
                        return "ceiling " + p.name() + (threads == null ? "" : " at " + threads + " threads");
                    }

                    @Override
                    public void notice(String message) {
                        // the ceilings' status and reason say what happened
                    }
                });
        return got;
    }

    /** Heap for a worker: room for the triad's three arrays, within three quarters of the machine's memory. */
    private long heapMb() {
        long need = 3 * settings.triadArrayBytes() / (1 << 20) * 13 / 10 + 256;
        Long mem = HostProbe.probe().memoryMb();
        long cap = mem == null ? need : mem * 3 / 4;
        return Math.max(256, Math.min(need, cap));
    }

    static List<Ceiling> notMeasured(CeilingProvider p, Integer threads, String status, String reason) {
        List<Ceiling> out = new ArrayList<>();
        for (String kind : p.kinds()) {
            out.add(Ceiling.notMeasured(p.name(), kind, p.dtype(), p.perThreadCount() ? Ceiling.CPU : null, threads,
                    status, reason));
        }
        return out;
    }
}
