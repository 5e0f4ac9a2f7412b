package org.opbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opbench.measure.MeasureSettings;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.Backends;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;
import org.opbench.worker.PointRunner;
import org.opbench.worker.Task;

/**
 * The contract every backend keeps, run by every backend's test class: {@code class FooBackendTest implements
 * BackendContract} returning the backend and its {@link Expectation} from {@link #subject()}. It checks
 * <ul>
 *   <li>the backend is a registered service and its probe answers what this machine allows ({@link Expectation});</li>
 *   <li>refusals carry their reason: an unknown algorithm or tuner is refused naming it, without the library; an
 *       unavailable backend's points are {@code unavailable} with the probe's reason;</li>
 *   <li>when available: a small set of problems (conv, depthwise conv, fc, pool, softmax, each where the backend
 *       does the op) measured through the worker's {@link PointRunner} is {@code ok} against the reference,
 *       {@link PreparedOp#close()} may be called twice, and {@link PreparedOp#run()} allocates nothing on the Java
 *       heap after warm-up.</li>
 * </ul>
 * A backend unavailable here skips the running checks by an assumption that names the probe's reason; one that
 * {@link Expectation.Kind#AVAILABLE must} run here fails instead.
 */
public interface BackendContract {

    /**
     * The backend under test and what its probe must answer on this machine.
     *
     * @param backend  each contract test asks once; a class may hand out one shared instance so that a probe that
     *                 costs seconds (a child JVM) is paid once
     * @param expected what {@link Backend#probe()} must answer here
     */
    record Subject(Backend backend, Expectation expected) {
    }

    /** The backend under test and what its probe must answer here. */
    Subject subject();

    /** Thread count of the contract's points on {@code probed} (probed and available): 1 unless the backend fixes it. */
    default int threads(Backend probed) {
        return 1;
    }

    /**
     * Java heap bytes one {@link PreparedOp#run()} may allocate: 0, unless the library's own Java API allocates on
     * every call and opbench cannot avoid it (the overriding class says which call).
     */
    default long heapBytesPerRun() {
        return 0;
    }

    /** Backend options of the contract's points (e.g. a cache folder under the test's temporary folder). */
    default Map<String, String> options() {
        return Map.of();
    }

    /** The contract's problems; those whose op the backend has no algorithm for are left out. */
    default List<Problem> problems() {
        return List.of(
                Problems.parse(Op.CONV, "mb1ic4ih8iw8oc8kh3kw3sh1sw1ph1pw1"),
                Problems.parse(Op.CONV, "mb1ic8ih8iw8oc8kh3kw3sh1sw1ph1pw1g8"),
                Problems.parse(Op.FC, "mb2ic16oc8"),
                Problems.parse(Op.POOL, "max:mb1ic4ih8iw8oh4ow4kh2kw2sh2sw2ph0pw0"),
                Problems.parse(Op.SOFTMAX, "mb2ic10"));
    }

    /** The algorithm the contract runs {@code op} on {@code b} with: the backend's default. */
    default String algorithm(Backend b, Op op) {
        return b.algorithms(op).get(0);
    }

    @Test
    default void registeredAsAService() {
        Backend b = subject().backend();
        Backend found = Backends.load().get(b.name());
        assertNotNull(found, b.name() + " is not listed in META-INF/services/org.opbench.spi.Backend");
        assertEquals(b.getClass(), found.getClass());
    }

    @Test
    default void probeAnswersWhatThisMachineAllows() {
        Subject subject = subject();
        Expectation expected = subject.expected();
        Backend b = subject.backend();
        Availability a = b.probe();
        switch (expected.kind()) {
            case AVAILABLE -> assertTrue(a.available(), () -> b.name() + " must run here ("
                    + expected.reason() + ") but is unavailable: " + a.reason());
            case UNAVAILABLE -> {
                assertFalse(a.available(), () -> b.name() + " was expected unavailable here ("
                        + expected.reason() + ") but probed available: " + a);
                assertTrue(a.reason().contains(expected.reason()),
                        () -> "reason should name '" + expected.reason() + "': " + a.reason());
            }
            case DEPENDS -> System.out.println(b.name() + " (depends on " + expected.reason() + "): " + a);
        }
        if (a.available()) {
            assertTrue(a.version() != null && !a.version().isBlank(), "an available backend reports its version");
            assertTrue(a.device() != null && !a.device().isBlank(), "an available backend reports its device");
        }
        Availability again = b.probe();
        assertEquals(a.available(), again.available(), "a second probe gives the same answer");
        assertEquals(a.reason(), again.reason(), "a second probe gives the same reason");
    }

    @Test
    default void unknownAlgorithmAndTunerAreRefusedByName() {
        Backend b = subject().backend();
        for (Problem p : problems(b)) {
            Support alg = b.supports(p, new Variant("no-such-algorithm", b.tuners().get(0), 1));
            assertFalse(alg.supported(), p + ": an unknown algorithm is refused");
            assertTrue(alg.reason().contains("no-such-algorithm"), () -> p + ": " + alg.reason());
            Support tuner = b.supports(p, new Variant(algorithm(b, p.op()), "no-such-tuner", 1));
            assertFalse(tuner.supported(), p + ": an unknown tuner is refused");
            assertTrue(tuner.reason().contains("tuner"), () -> p + ": " + tuner.reason());
        }
    }

    @Test
    default void refusedPointsCarryTheirReasonThroughTheWorker() {
        Backend b = subject().backend();
        Availability a = b.probe();
        Problem p = problems(b).get(0);
        if (!a.available()) {
            PointRecord r = runner(b, a).run(task(b, p, algorithm(b, p.op())), 1);
            assertEquals(Status.UNAVAILABLE, r.status());
            assertEquals(a.reason(), r.reason());
        } else {
            PointRecord r = runner(b, a).run(task(b, p, "no-such-algorithm"), threads(b));
            assertEquals(Status.UNSUPPORTED, r.status(), () -> String.valueOf(r.reason()));
            assertTrue(r.reason().contains("no-such-algorithm"), r.reason());
        }
    }

    @Test
    default void pointsAreOkAgainstTheReference() {
        Backend b = subject().backend();
        PointRunner runner = runner(b, available(b));
        List<String> bad = new ArrayList<>();
        for (Problem p : problems(b)) {
            PointRecord r = runner.run(task(b, p, algorithm(b, p.op())), threads(b));
            if (r.status() != Status.OK) {
                bad.add(p.op().id() + " " + p.descriptor() + " [" + algorithm(b, p.op()) + "]: " + r.status().id()
                        + ": " + r.reason());
            } else {
                assertTrue(r.relErr() <= r.tolerance(), r.toString());
            }
        }
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
    }

    @Test
    default void closeIsIdempotent() throws BackendException {
        Backend b = subject().backend();
        available(b);
        for (Problem p : problems(b)) {
            PreparedOp op = b.prepare(p, variant(b, p), ProblemData.of(p, 1));
            try {
                op.run();
            } finally {
                op.close();
            }
            op.close(); // a second close does nothing, and does not throw
        }
    }

    @Test
    default void runAllocatesNothingOnTheJavaHeap() throws BackendException {
        Backend b = subject().backend();
        available(b);
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        for (Problem p : problems(b)) {
            try (PreparedOp op = b.prepare(p, variant(b, p), ProblemData.of(p, 1))) {
                long allocated = Long.MAX_VALUE;
                // warm up, then count; the interpreter allocates what C2 scalar-replaces, so a count above the
                // allowance is retried after more warm-up, and only one that persists fails
                for (int attempt = 0; attempt < 5 && allocated > 200 * heapBytesPerRun(); attempt++) {
                    long warmEnd = System.nanoTime() + 200_000_000L;
                    for (int i = 0; i < 5_000 && System.nanoTime() < warmEnd; i++) {
                        op.run();
                    }
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 200; i++) {
                        op.run();
                    }
                    allocated = mx.getCurrentThreadAllocatedBytes() - before;
                }
                assertTrue(allocated <= 200 * heapBytesPerRun(), p + ": " + allocated
                        + " bytes allocated on the Java heap by 200 runs (allowed: " + heapBytesPerRun() + " a run)");
            }
        }
    }

    /** Probes {@code b}: fails if it must run here and cannot, skips naming the probe's reason otherwise. */
    private Availability available(Backend b) {
        Availability a = b.probe();
        subject().expected().requireAvailable(b.name(), a);
        return a;
    }

    private List<Problem> problems(Backend b) {
        List<Problem> done = problems().stream().filter(p -> !b.algorithms(p.op()).isEmpty()).toList();
        assertFalse(done.isEmpty(), b.name() + " does none of the contract's operators");
        return done;
    }

    private Variant variant(Backend b, Problem p) {
        Variant v = new Variant(algorithm(b, p.op()), b.tuners().get(0), threads(b), options());
        Support s = b.supports(p, v);
        assertTrue(s.supported(), () -> p + " " + v + ": " + s.reason());
        return v;
    }

    private static Task task(Backend b, Problem p, String algorithm) {
        return new Task(0, p, null, 0, algorithm, b.tuners().get(0));
    }

    private PointRunner runner(Backend b, Availability a) {
        MeasureSettings quick = new MeasureSettings(1, 0, 3, 0, 1000, 3, 0.5, false, null, 0);
        return new PointRunner(b, a, quick, 42, options());
    }
}
