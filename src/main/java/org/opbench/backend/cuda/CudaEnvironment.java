package org.opbench.backend.cuda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Environment of a worker process that uses CUDA: caches under opbench's cache directory. */
public final class CudaEnvironment {
    private CudaEnvironment() {
    }

    /**
     * {@code CUDA_CACHE_PATH} (the driver's cache of kernels JIT-compiled from PTX, by default
     * {@code ~/.nv/ComputeCache}) under {@code cacheDir/cuda}.
     */
    public static Map<String, String> worker(Path cacheDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CUDA_CACHE_PATH", cacheDir.resolve("cuda").resolve("compute-cache").toString());
        return env;
    }
}
