package org.opbench.peaks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.spi.Availability;

/**
 * Something that measures a machine ceiling for {@code opbench peaks}: a compute peak (GFLOPS) or a bandwidth (GB/s)
 * of the CPU at a thread count, or of a device. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/org.opbench.peaks.CeilingProvider}.
 *
 * <p>As for backends: the no-argument constructor does nothing; native libraries are loaded in {@link #probe()};
 * each (provider, thread count) is measured in a worker JVM of its own started with {@link #workerEnvironment}
 * (so that e.g. {@code OMP_NUM_THREADS} takes effect), unless {@code peaks --in-process} is given.
 */
public interface CeilingProvider {
    /** A short unique name, e.g. {@code java-fma}, {@code dnnl-sgemm}, {@code opencl}. */
    String name();

    /** What it measures: {@link Ceiling#COMPUTE}, {@link Ceiling#BANDWIDTH} or both. */
    List<String> kinds();

    /**
     * The data type its compute ceilings are in: {@link Ceiling#F32} unless overridden ({@link Ceiling#BF16},
     * {@link Ceiling#INT8}); the ceilings recorded when it cannot run carry it too.
     */
    default String dtype() {
        return Ceiling.F32;
    }

    /**
     * Whether the result depends on the host thread count: true for CPU kernels (measured once per requested thread
     * count, reported with {@code device = "cpu"}) and for devices whose driver runs on the host's threads (PoCL:
     * reported with the device's name and the thread count), false for other devices (measured once,
     * {@code threads} null). A device is named as the backend's points name it, so that the roofline matches them.
     */
    default boolean perThreadCount() {
        return true;
    }

    /** The environment of the worker JVM that measures {@code threads} (null for a device provider). */
    default Map<String, String> workerEnvironment(Integer threads, Path cacheDir) {
        return Map.of();
    }

    /** Loads what the provider needs; {@link Availability#unavailable(String)} with the reason when it cannot run. */
    Availability probe();

    /**
     * Measures the ceilings (after a successful {@link #probe()}), each the best of {@link PeakSettings#reps()}
     * repetitions of at least {@link PeakSettings#minTimeS()} seconds, using {@link Ceiling#ok}.
     *
     * @param threads the host thread count (null for a device provider)
     */
    List<Ceiling> measure(Integer threads, PeakSettings settings) throws Exception;
}
