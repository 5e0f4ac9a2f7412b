package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.spi.BackendException;

/**
 * opbench's C++ {@code IProfiler} (native/tensorrt) on any machine: TensorRT's calls are reproduced by calling
 * {@code reportLayerTime} through the interface's vtable. Skips, naming the reason, where the binding was not built
 * (no C++ compiler at build time); CI installs g++ so that it runs there.
 */
class LayerProfilerTest {
    private static void assumeBuilt() {
        String failed = LayerProfiler.load();
        assumeTrue(failed == null, failed);
    }

    @Test
    void recordsReportsInCallOrderAndClearsOnDrain() throws BackendException {
        assumeBuilt();
        try (LayerProfiler p = LayerProfiler.create()) {
            p.report("conv1 + relu1", 0.25f);
            p.report("Reformatting CopyNode for Input Tensor 0 to pool1", 0.0125f);
            p.report("conv1 + relu1", 0.5f);
            assertEquals(List.of(new LayerProfiler.Report("conv1 + relu1", 0.25f),
                    new LayerProfiler.Report("Reformatting CopyNode for Input Tensor 0 to pool1", 0.0125f),
                    new LayerProfiler.Report("conv1 + relu1", 0.5f)), p.drain());
            assertEquals(List.of(), p.drain());
            p.report("fc", 1.5f);
            assertEquals(List.of(new LayerProfiler.Report("fc", 1.5f)), p.drain());
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAnError() throws BackendException {
        assumeBuilt();
        LayerProfiler p = LayerProfiler.create();
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, p::drain);
        assertNull(LayerProfiler.load());
    }
}
