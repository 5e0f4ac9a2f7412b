package org.opbench.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.global.cudart;
import org.junit.jupiter.api.Test;

/** The CUDA helpers that need no device: status reasons, versions, the closer, the worker environment, the probe. */
class CudaHelpersTest {

    @Test
    void deviceCountReasons() {
        assertEquals("no CUDA device", CudaStatus.deviceCountReason(cudart.cudaErrorNoDevice, 0, 13010));
        assertEquals("no CUDA device", CudaStatus.deviceCountReason(cudart.cudaSuccess, 0, 13010));
        assertEquals("NVIDIA driver too old for the CUDA 13.1 runtime (the driver supports CUDA 12.4)",
                CudaStatus.deviceCountReason(cudart.cudaErrorInsufficientDriver, 0, 12040));
        assertNull(CudaStatus.deviceCountReason(cudart.cudaSuccess, 2, 13010));
        assertNull(CudaStatus.deviceCountReason(999, 0, 13010), "other codes are described by the caller");
    }

    @Test
    void cudaVersionsPrintAsMajorMinor() {
        assertEquals("13.1", CudaStatus.versionString(13010));
        assertEquals("12.4", CudaStatus.versionString(12040));
        assertEquals("11.8", CudaStatus.versionString(11080));
    }

    @Test
    void closerReleasesInReverseOrderOnceAndSurvivesAFailure() {
        List<String> log = new ArrayList<>();
        Closer c = new Closer();
        c.onClose(() -> log.add("first"));
        c.onClose(() -> {
            log.add("failing");
            throw new IllegalStateException("boom");
        });
        c.add(() -> log.add("last"));
        c.close();
        c.close();
        assertEquals(List.of("last", "failing", "first"), log);
        assertTrue(c.isClosed());
    }

    @Test
    void workerEnvironmentPutsTheCudaCacheUnderOpbenchsCache() {
        Map<String, String> env = CudaEnvironment.worker(Path.of("/tmp/opbench-cache"));
        assertEquals("/tmp/opbench-cache/cuda/compute-cache", env.get("CUDA_CACHE_PATH"));
    }

    @Test
    void probeOnThisMachineSaysWhyThereIsNoDevice() {
        CudaDevice.Probe p = CudaDevice.probe(0);
        if (!NvidiaTestSupport.driverLibraryPresent()) {
            assertFalse(p.available());
            assertEquals(NvidiaTestSupport.NO_DRIVER, p.reason());
            // later probes remember the loader's first, informative failure
            assertEquals(NvidiaTestSupport.NO_DRIVER, CudaDevice.probe(0).reason());
        } else if (!p.available()) {
            assertTrue(p.reason() != null && !p.reason().isBlank());
        } else {
            assertTrue(p.device().label().startsWith("cuda:0 "), p.device().label());
        }
    }
}
