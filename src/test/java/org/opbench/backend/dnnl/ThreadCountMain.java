package org.opbench.backend.dnnl;

import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.Variant;

/**
 * Child-process entry of {@link DnnlThreadsTest}: prints the thread count the dnnl backend observes in this
 * process and whether it accepts points for {@code args[0]} threads.
 */
public final class ThreadCountMain {
    private ThreadCountMain() {
    }

    public static void main(String[] args) {
        DnnlBackend backend = new DnnlBackend();
        Availability a = backend.probe();
        if (!a.available()) {
            System.out.println("unavailable=" + a.reason());
            return;
        }
        int asked = Integer.parseInt(args[0]);
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic10");
        System.out.println("threads=" + backend.effectiveThreads());
        System.out.println("source=" + a.details().get("threads_source"));
        System.out.println("supports=" + backend.supports(p, new Variant("auto", "none", asked)).supported());
    }
}
