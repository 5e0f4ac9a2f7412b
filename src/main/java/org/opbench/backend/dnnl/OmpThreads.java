package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.opbench.spi.BackendException;

/**
 * How many threads oneDNN runs on in this process. oneDNN's C API does not expose its thread count (the
 * OpenMP build asks {@code omp_get_max_threads()}, fixed by {@code OMP_NUM_THREADS} at process start), so it is
 * observed: a fresh, uniquely named Java thread executes one large parallel reorder, which makes OpenMP start
 * that thread's team; the team's threads inherit the thread's OS name, so counting the tasks of this process
 * with that name ({@code /proc/self/task/* /comm}) while the thread is alive gives the team size. Where
 * {@code /proc} cannot be read the count follows OpenMP's rule instead ({@code OMP_NUM_THREADS}, else the
 * processors available) and says so.
 */
final class OmpThreads {
    /** Thread count and how it was obtained. */
    record Count(int threads, String source) {
    }

    private static final String THREAD_NAME = "opbench-ompcnt";
    private static final Path TASKS = Path.of("/proc/self/task");

    private OmpThreads() {
    }

    /** Observes the team size; falls back to the environment where the OS does not let it be observed. */
    static Count measure() throws BackendException {
        if (!Files.isReadable(TASKS)) {
            return fromEnvironment("not observed: /proc/self/task is not readable");
        }
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(observe());
            } catch (BackendException | RuntimeException e) {
                result.set(e);
            }
        }, THREAD_NAME);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while counting oneDNN's threads", e);
        }
        Object r = result.get();
        if (r instanceof BackendException e) {
            throw e;
        } else if (r instanceof RuntimeException e) {
            throw e;
        }
        return (Count) r;
    }

    /** OpenMP's rule: the first entry of {@code OMP_NUM_THREADS}, else the processors this process may use. */
    static Count fromEnvironment(String why) {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null) {
            try {
                int n = Integer.parseInt(env.split(",", 2)[0].trim());
                if (n > 0) {
                    return new Count(n, "OMP_NUM_THREADS (" + why + ")");
                }
            } catch (NumberFormatException e) {
                // OpenMP ignores an unparsable value too
            }
        }
        return new Count(Runtime.getRuntime().availableProcessors(), "available processors (" + why + ")");
    }

    private static Count observe() throws BackendException {
        try (Resources res = new Resources()) {
            dnnl_engine engine = Dnnl.engine(res);
            dnnl_stream stream = Dnnl.stream(res, engine);
            long[] dims = {4, 64, 64, 64};
            dnnl_memory_desc from = Dnnl.md(res, dims, dnnl_nchw);
            dnnl_memory_desc to = Dnnl.md(res, dims, dnnl_nhwc);
            dnnl_memory a = Dnnl.allocate(res, engine, from);
            dnnl_memory b = Dnnl.allocate(res, engine, to);
            Dnnl.reorderNow(res, engine, stream, from, a, to, b);
            String self = comm(Path.of("/proc/thread-self/comm"));
            if (self.isEmpty() || !THREAD_NAME.startsWith(self)) {
                return fromEnvironment("not observed: this JVM does not name native threads (comm '" + self + "')");
            }
            int count;
            try (Stream<Path> tasks = Files.list(TASKS)) {
                count = (int) tasks.filter(task -> self.equals(comm(task.resolve("comm")))).count();
            } catch (IOException e) {
                return fromEnvironment("not observed: " + e);
            }
            return new Count(count, "observed: OpenMP team of a reorder, counted in /proc/self/task");
        }
    }

    private static String comm(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            // a task that ended while the directory was listed
            return "";
        } catch (UncheckedIOException e) {
            return "";
        }
    }
}
