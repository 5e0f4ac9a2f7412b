package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;

/** {@link PreparedOp#run()} allocates nothing on the Java heap (measured with the thread's allocation counter). */
class DnnlRunAllocationTest {
    @Test
    void runAllocatesNothing() throws BackendException {
        DnnlBackend backend = DnnlTestSupport.backend();
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        for (String[] point : new String[][] {
            {"fc", "mb2ic64oc32"}, {"pool", "max:mb1ic16ih14iw14oh7ow7kh2kw2sh2sw2ph0pw0"}, {"softmax", "mb2ic100"}}) {
            Problem p = Problems.parse(Op.valueOf(point[0].toUpperCase(java.util.Locale.ROOT)), point[1]);
            try (PreparedOp op = backend.prepare(p, DnnlTestSupport.variant(backend, "auto", Map.of()),
                    ProblemData.of(p, 3))) {
                for (int i = 0; i < 20_000; i++) {
                    op.run(); // warm up: let the JIT compile the path
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1_000; i++) {
                    op.run();
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                assertEquals(0, allocated, point[1] + ": bytes allocated by 1000 runs");
            }
        }
    }
}
