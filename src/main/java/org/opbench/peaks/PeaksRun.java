package org.opbench.peaks;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.result.HostInfo;
import org.opbench.result.Json;

/**
 * Runs the ceiling providers and assembles the {@link PeaksRecord}: CPU providers once per thread count, device
 * providers once, each in a worker JVM of its own (its environment from the provider) unless in-process.
 */
public final class PeaksRun {
    private static final int STDERR_LINES = 20;

    /** Told before and after each measurement (progress output). */
    public interface Listener {
        void started(CeilingProvider provider, Integer threads);

        void finished(CeilingProvider provider, Integer threads, List<Ceiling> ceilings);
    }

    private final PeakSettings settings;
    private final boolean inProcess;
    private final Path cacheDir;

    public PeaksRun(PeakSettings settings, boolean inProcess, Path cacheDir) {
        this.settings = settings;
        this.inProcess = inProcess;
        this.cacheDir = cacheDir;
    }

    /** Every provider on the class path, in service-file order. */
    public static List<CeilingProvider> providers() {
        List<CeilingProvider> list = new ArrayList<>();
        ServiceLoader.load(CeilingProvider.class).forEach(list::add);
        return list;
    }

    public static CeilingProvider provider(String name) {
        for (CeilingProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no ceiling provider named '" + name + "'");
    }

    public PeaksRecord run(List<CeilingProvider> providers, List<String> command, Listener listener)
            throws InterruptedException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HostInfo host = HostProbe.probe();
        Theoretical theoretical = TheoreticalPeak.compute(host.arch(), CpuFacts.read(), host.cores(),
                host.logicalCpus(), host.cpuMaxMhz());
        List<Ceiling> ceilings = new ArrayList<>();
        for (CeilingProvider p : providers) {
            List<Integer> counts = p.perThreadCount() ? settings.threads() : java.util.Collections.singletonList(null);
            for (Integer t : counts) {
                listener.started(p, t);
                List<Ceiling> c = inProcess ? PeakWorker.measure(p, t, settings) : inWorker(p, t);
                ceilings.addAll(c);
                listener.finished(p, t, c);
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("threads", settings.threads());
        s.put("reps", settings.reps());
        s.put("min_time_s", settings.minTimeS());
        s.put("triad_array_bytes", settings.triadArrayBytes());
        s.put("in_process", inProcess);
        s.put("providers", providers.stream().map(CeilingProvider::name).toList());
        return new PeaksRecord(PeaksRecord.KIND, Json.SCHEMA, OpbenchHome.version(), OpbenchHome.gitCommit(), command,
                started, host, s, theoretical, ceilings);
    }

    private List<Ceiling> inWorker(CeilingProvider p, Integer threads) throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx" + heapMb() + "m");
        cmd.add("-XX:ErrorFile=" + cacheDir.resolve("hs_err_pid%p.log"));
        cmd.add("-Dopbench.home=" + OpbenchHome.home());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PeakWorker.class.getName());
        cmd.add(p.name());
        cmd.add(threads == null ? "-" : threads.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(p.workerEnvironment(threads, cacheDir));
        pb.environment().put("OPBENCH_HOME", OpbenchHome.home().toString());
        pb.environment().put("OPBENCH_CACHE", cacheDir.toString());
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            return notMeasured(p, threads, "failed", "cannot start a worker JVM: " + e.getMessage());
        }
        Deque<String> errTail = new ArrayDeque<>();
        Thread errPump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (errTail) {
                        errTail.addLast(line);
                        if (errTail.size() > STDERR_LINES) {
                            errTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }, "peaks-worker-stderr");
        errPump.setDaemon(true);
        errPump.start();
        String[] result = {null};
        Thread outPump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(PeakWorker.PREFIX)) {
                        result[0] = line.substring(PeakWorker.PREFIX.length());
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }, "peaks-worker-stdout");
        outPump.setDaemon(true);
        outPump.start();
        try (OutputStream in = proc.getOutputStream()) {
            in.write(Json.mapper().writeValueAsBytes(settings));
        } catch (IOException e) {
            // it died at once: reported below from its exit
        }
        try {
            if (!proc.waitFor((long) (settings.timeoutS() * 1000), TimeUnit.MILLISECONDS)) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
                return notMeasured(p, threads, "failed", "timed out after " + settings.timeoutS() + " s");
            }
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            throw e;
        }
        outPump.join(5000);
        errPump.join(5000);
        if (result[0] == null) {
            String tail;
            synchronized (errTail) {
                tail = String.join("\n", errTail);
            }
            return notMeasured(p, threads, "failed", "worker exited with code " + proc.exitValue()
                    + " without a result" + (tail.isBlank() ? "" : ":\n" + tail));
        }
        try {
            return Json.mapper().readValue(result[0], new TypeReference<List<Ceiling>>() { });
        } catch (IOException e) {
            return notMeasured(p, threads, "failed", "unreadable worker result: " + e.getMessage());
        }
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
            out.add(Ceiling.notMeasured(p.name(), kind, p.perThreadCount() ? Ceiling.CPU : null, threads, status,
                    reason));
        }
        return out;
    }
}
