package org.opbench.network.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.opbench.network.run.NetworkTolerance;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;

/** The whole-network tensorrt backend's contract on any machine (no GPU needed). */
class TrtNetworkBackendTest {
    private final TrtNetworkBackend backend = new TrtNetworkBackend();

    @Test
    void registeredAsANetworkBackendUnderTheOperatorBackendsName() {
        boolean found = false;
        for (NetworkBackend b : ServiceLoader.load(NetworkBackend.class)) {
            found |= b.name().equals("tensorrt") && b instanceof TrtNetworkBackend;
        }
        assertTrue(found);
    }

    @Test
    void precisionIsTheAlgorithmAxis() {
        assertEquals(List.of("fp32", "tf32", "fp16", "int8"), backend.algorithms());
        assertEquals(List.of("device", "workspace_mb", "calibration_batches"), backend.options());
    }

    @Test
    void toleranceFollowsThePrecision() {
        assertTrue(NetworkTolerance.of("tensorrt", "fp32") < NetworkTolerance.of("tensorrt", "fp16"));
        assertTrue(NetworkTolerance.of("tensorrt", "fp16") < NetworkTolerance.of("tensorrt", "int8"));
        assertEquals(NetworkTolerance.of("onnxruntime", "cpu-all"), 1e-4, 0);
    }

    @Test
    void withoutAGpuItIsUnavailableWithTheOperatorBackendsReason() {
        Availability a = backend.probe();
        Availability op = new org.opbench.backend.tensorrt.TensorRtBackend().probe();
        assertEquals(op.available(), a.available());
        if (!a.available()) {
            assertFalse(a.reason().isBlank());
            assertEquals(op.reason(), a.reason());
        }
    }
}
