package org.opbench.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.CeilingProvider;
import org.opbench.peaks.PeakSettings;
import org.opbench.peaks.PeaksRun;
import org.opbench.spi.Availability;

/**
 * The OpenCL device's ceilings: registered as a peaks provider, measured on the backend's default device and named
 * as its points name the device, so that the roofline finds them. Needs an OpenCL device (CI: PoCL); skipped with
 * the reason where there is none. The values are only checked to be positive rates: speed is a benchmark matter.
 */
class OpenClCeilingTest {
    @Test
    void registeredAsACeilingProvider() {
        assertTrue(PeaksRun.providers().stream().map(CeilingProvider::name).anyMatch(OpenClCeiling.NAME::equals));
    }

    @Test
    void measuresComputeAndBandwidthOfTheDeviceThePointsNameIt() throws Exception {
        Availability a = new OpenClBackend().probe();
        OpenClTestSupport.ready(a);
        PeakSettings tiny = new PeakSettings(List.of(1), 2, 0.01, 1 << 20, 60);
        List<Ceiling> c = new OpenClCeiling().measure(1, tiny);
        assertEquals(List.of(Ceiling.COMPUTE, Ceiling.BANDWIDTH), c.stream().map(Ceiling::kind).toList());
        for (Ceiling x : c) {
            assertTrue(x.isOk(), x.toString());
            assertEquals(a.device(), x.device());
            assertEquals(1, x.threads());
            assertEquals(2, x.samples().length);
            assertTrue(x.value() > 0 && Double.isFinite(x.value()), x.toString());
        }
    }
}
