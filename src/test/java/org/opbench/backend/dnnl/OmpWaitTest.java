package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OmpWaitTest {
    @Test
    void workersGetAShortSpinUnlessTheUserChoseAWaitPolicy() {
        assertEquals(Map.of("GOMP_SPINCOUNT", "30000"), OmpWait.workerEnvironment(Map.of("PATH", "/bin")));
        assertEquals(Map.of(), OmpWait.workerEnvironment(Map.of("GOMP_SPINCOUNT", "0")));
        assertEquals(Map.of(), OmpWait.workerEnvironment(Map.of("OMP_WAIT_POLICY", "active")));
    }

    @Test
    void detailsNameWhatTheProcessRunsWith() {
        assertEquals(Map.of("GOMP_SPINCOUNT", "30000", "OMP_WAIT_POLICY", "(unset)"),
                OmpWait.details(Map.of("GOMP_SPINCOUNT", "30000")));
    }
}
