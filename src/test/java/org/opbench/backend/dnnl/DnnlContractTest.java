package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opbench.testing.Refusals.assertRefused;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;

/** The backend contract on dnnl, and what is dnnl's own: names, probe details, refusals with reasons, Winograd. */
class DnnlContractTest implements BackendContract {

    @Override
    public Subject subject() {
        return new Subject(new DnnlBackend(), DnnlTestSupport.expectedHere());
    }

    /** oneDNN's thread count is fixed for the process (OMP_NUM_THREADS): points run with that. */
    @Override
    public int threads(Backend probed) {
        return ((DnnlBackend) probed).effectiveThreads();
    }

    @Test
    void algorithmsAndWorkerEnvironment() {
        DnnlBackend backend = new DnnlBackend();
        assertEquals(List.of("auto", "direct", "winograd"), backend.algorithms(Op.CONV));
        assertEquals(List.of("auto"), backend.algorithms(Op.POOL));
        Map<String, String> env = backend.workerEnvironment(3, Path.of("/tmp"));
        assertEquals("3", env.get("OMP_NUM_THREADS"));
        assertEquals(OmpWait.workerEnvironment(System.getenv()).get("GOMP_SPINCOUNT"), env.get("GOMP_SPINCOUNT"));
    }

    @Test
    void probeReportsVersionIsaAndThreads() {
        DnnlBackend backend = DnnlTestSupport.backend();
        Availability a = backend.probe();
        assertTrue(a.version().matches("\\d+\\.\\d+\\.\\d+(\\+\\w+)?"), a.version());
        assertTrue(a.device().startsWith("cpu:"), a.device());
        assertFalse(a.device().contains("isa_0x"), "ISA known by name: " + a.device());
        assertEquals("OMP", a.details().get("cpu_runtime"));
        assertEquals(Integer.toString(backend.effectiveThreads()), a.details().get("threads"));
        assertTrue(backend.effectiveThreads() >= 1);
        System.out.println("dnnl probe: " + a);
    }

    @Test
    void winogradIsUnimplementedWithTheLibraryStatus() {
        DnnlBackend backend = DnnlTestSupport.backend();
        Problem p = Problems.parse(Op.CONV, "mb1ic16ih14iw14oc16kh3kw3sh1sw1ph1pw1");
        Variant v = DnnlTestSupport.variant(backend, "winograd", Map.of());
        assertTrue(backend.supports(p, v).supported(), "the library, not supports(), decides on Winograd");
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> backend.prepare(p, v, ProblemData.of(p, 1)).close());
        assertTrue(e.getMessage().contains("dnnl_unimplemented (status 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("convolution_winograd"), e.getMessage());
    }

    @Test
    void threadCountOtherThanTheProcessesIsRefused() {
        DnnlBackend backend = DnnlTestSupport.backend();
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic10");
        int other = backend.effectiveThreads() + 1;
        Support s = backend.supports(p, new Variant("auto", "none", other));
        assertFalse(s.supported());
        assertTrue(s.reason().contains("OMP_NUM_THREADS=" + other), s.reason());
        assertThrows(UnsupportedException.class,
                () -> backend.prepare(p, new Variant("auto", "none", other), ProblemData.of(p, 1)));
    }

    @Test
    void algorithmOfAnotherOpOptionAndLayoutAreRefusedWithReasons() {
        DnnlBackend backend = DnnlTestSupport.backend();
        Problem pool = Problems.parse(Op.POOL, "max:mb1ic4ih8iw8oh4ow4kh2kw2sh2sw2ph0pw0");
        Problem fc = Problems.parse(Op.FC, "mb1ic8oc4");
        int t = backend.effectiveThreads();
        assertRefused(backend.supports(pool, new Variant("direct", "none", t)), "direct");
        assertRefused(backend.supports(fc, new Variant("winograd", "none", t)), "winograd");
        assertRefused(backend.supports(fc, new Variant("auto", "none", t, Map.of("bogus", "1"))), "dnnl.bogus");
        assertRefused(backend.supports(fc, new Variant("auto", "none", t, Map.of("layout", "nChw8c"))), "nChw8c");
        assertRefused(backend.supports(pool, new Variant("auto", "none", t, Map.of("layout", "any"))), "concrete");
    }

    @Test
    void runAfterCloseFails() throws Exception {
        DnnlBackend backend = DnnlTestSupport.backend();
        Problem p = Problems.parse(Op.FC, "mb2ic8oc4");
        PreparedOp op = backend.prepare(p, DnnlTestSupport.variant(backend, "auto", Map.of()), ProblemData.of(p, 1));
        op.close();
        assertThrows(IllegalStateException.class, op::run);
    }
}
