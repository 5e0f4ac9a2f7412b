package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.opbench.spi.Availability;

/**
 * The CUDA device a backend runs on, as the runtime reports it.
 *
 * @param index          device ordinal
 * @param name           e.g. {@code NVIDIA H100 80GB HBM3}
 * @param major          compute capability major
 * @param minor          compute capability minor
 * @param multiprocessors SM count
 * @param memoryBytes    total global memory
 * @param runtimeVersion cudaRuntimeGetVersion
 * @param driverVersion  cudaDriverGetVersion (the CUDA version the driver supports)
 * @param deviceCount    devices visible
 */
public record CudaDevice(int index, String name, int major, int minor, int multiprocessors, long memoryBytes,
                         int runtimeVersion, int driverVersion, int deviceCount) {

    /** The outcome of {@link #probe}: a device, or why there is none. */
    public record Probe(CudaDevice device, String reason) {
        public boolean available() {
            return device != null;
        }

        /**
         * The backend's availability on this device: its {@link CudaDevice#details()} followed by {@code extra}
         * (in {@code extra}'s order), labelled with {@link CudaDevice#label()}. Call only when {@link #available()}.
         */
        public Availability availability(String summary, Map<String, String> extra) {
            Map<String, String> details = new LinkedHashMap<>(device.details());
            details.putAll(extra);
            return Availability.available(summary, device.label(), details);
        }
    }

    /** {@code cuda:0 NVIDIA H100 (sm_90)}. */
    public String label() {
        return "cuda:" + index + " " + name + " (sm_" + major + minor + ")";
    }

    /** Facts for the run header. */
    public Map<String, String> details() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cuda_runtime", CudaStatus.versionString(runtimeVersion));
        m.put("cuda_driver", CudaStatus.versionString(driverVersion));
        m.put("compute_capability", major + "." + minor);
        m.put("multiprocessors", Integer.toString(multiprocessors));
        m.put("memory_mib", Long.toString(memoryBytes >> 20));
        m.put("devices", Integer.toString(deviceCount));
        return m;
    }

    /**
     * {@link #probe(int)}, then loads the backend's JavaCPP {@code presets} ({@link NativeLibs#loadAll}): the
     * device, or the first reason there is none or a library is missing.
     */
    public static Probe probeWith(int index, Class<?>... presets) {
        Probe dev = probe(index);
        if (!dev.available()) {
            return dev;
        }
        String failed = NativeLibs.loadAll(presets);
        return failed == null ? dev : new Probe(null, failed);
    }

    /**
     * Loads the CUDA runtime preset and queries device {@code index}. Never throws for a missing driver or
     * library: the reason says what is missing.
     */
    public static synchronized Probe probe(int index) {
        String failed = NativeLibs.load(cudart.class);
        if (failed != null) {
            return new Probe(null, failed);
        }
        int[] count = new int[1];
        int[] driver = new int[1];
        int[] runtime = new int[1];
        cudaDriverGetVersion(driver);
        int rc = cudaGetDeviceCount(count);
        String reason = CudaStatus.deviceCountReason(rc, count[0], driver[0]);
        if (reason == null && rc != cudart.cudaSuccess) {
            reason = "cudaGetDeviceCount failed: " + CudaStatus.describe(rc);
        }
        if (reason != null) {
            return new Probe(null, reason);
        }
        if (index < 0 || index >= count[0]) {
            return new Probe(null, "CUDA device " + index + " does not exist (" + count[0] + " visible)");
        }
        cudaRuntimeGetVersion(runtime);
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            int prc = cudaGetDeviceProperties(prop, index);
            if (prc != cudart.cudaSuccess) {
                return new Probe(null, "cudaGetDeviceProperties failed: " + CudaStatus.describe(prc));
            }
            String name = CString.of(prop.name());
            return new Probe(new CudaDevice(index, name, prop.major(), prop.minor(), prop.multiProcessorCount(),
                    prop.totalGlobalMem(), runtime[0], driver[0], count[0]), null);
        }
    }
}
