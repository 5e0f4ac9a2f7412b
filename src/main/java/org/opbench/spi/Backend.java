package org.opbench.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;

/**
 * A library that can time operators, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.opbench.spi.Backend}).
 *
 * <p>Contract:
 * <ul>
 *   <li>The no-argument constructor does nothing: no native loading, no files, no threads.</li>
 *   <li>{@link #probe()} loads what it needs and says whether the backend can run here, and why not.
 *       It may be called more than once and must not change library state that {@link #workerEnvironment}
 *       fixes (thread pools).</li>
 *   <li>{@link #supports} answers cheaply for problems the backend cannot do at all; problems the library
 *       itself rejects are reported by {@link #prepare} throwing {@link UnsupportedException} with the
 *       library's own status.</li>
 *   <li>{@link #prepare} is called only for a problem and variant {@link #supports} accepted, in a process where
 *       {@link #probe()} said available (the worker asks both first), so it need not repeat their checks.</li>
 *   <li>{@link #prepare} does all allocation and setup (weights reordered, primitives created, inputs bound);
 *       the returned {@link PreparedOp#run()} does one repetition and allocates nothing.</li>
 *   <li>The prepared op states what runs ({@link PreparedOp#execution()}): the number formats it stores, multiplies
 *       and accumulates in and the transform its sums go through, from what the backend configured (a math mode,
 *       builder flags, the algorithm the library reports choosing), the narrowest the configuration allows where
 *       the library chooses per kernel, and {@link Transform#UNREPORTED} where the library picks kernels without
 *       saying which. The output check's tolerance follows from that statement alone
 *       ({@code org.opbench.measure.Tolerance#of}); names (algorithm, impl) are never read for it.</li>
 * </ul>
 * Each sweep group (backend x thread count) runs in its own worker process whose environment
 * {@link #workerEnvironment} sets before anything loads.
 */
public interface Backend {

    /** Short lower-case name used on the command line and in results, e.g. {@code dnnl}. */
    String name();

    /** Loads what the backend needs and reports whether it can run here. */
    Availability probe();

    /** Algorithms this backend defines for {@code op}; the first is its default. Empty if it cannot do {@code op}. */
    List<String> algorithms(Op op);

    /** Tuner modes; the first is the default. */
    default List<String> tuners() {
        return List.of("none");
    }

    /**
     * The keys of {@code --option NAME.KEY=VALUE} this backend reads (none by default). A key not listed is a usage
     * error before anything runs, not an ignored option or an unsupported point.
     */
    default List<String> optionKeys() {
        return List.of();
    }

    /** Whether {@code problem} can be run with {@code variant}; an unsupported answer carries the reason. */
    Support supports(Problem problem, Variant variant);

    /**
     * Sets up {@code problem} with {@code variant} on {@code data}.
     *
     * @throws UnsupportedException when the library has no implementation (its status in the message)
     * @throws BackendException     when the library fails
     */
    PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException;

    /**
     * The most threads this backend can use; a sweep without {@code --threads} times it at all cores or this,
     * whichever is fewer (the reference is single-threaded by design).
     */
    default int maxThreads() {
        return Integer.MAX_VALUE;
    }

    /**
     * Native (off-heap or device) memory {@link #prepare} will allocate for {@code problem}, in bytes: checked
     * against the memory available before the point is prepared, so that a point that cannot fit is
     * {@code skipped} instead of killing its worker. Default: one copy of every tensor plus a workspace as large
     * as the output.
     */
    default long nativeBytes(Problem problem, Variant variant) {
        return problem.bytes() + problem.dstElements() * problem.dtype().dst().bytes();
    }

    /**
     * Environment variables the worker process for {@code threads} threads needs, set before the JVM starts
     * (e.g. {@code OMP_NUM_THREADS}); {@code cacheDir} is opbench's cache directory, where a library that writes
     * caches or temporary files must be pointed.
     */
    default Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return Map.of();
    }
}
