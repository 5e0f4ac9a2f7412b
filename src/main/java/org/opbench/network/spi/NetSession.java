package org.opbench.network.spi;

import java.util.List;
import org.opbench.network.profile.KernelTiming;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;

/**
 * A loaded network with its input bound: a {@link PreparedOp} whose {@link #run()} is one inference of the bound
 * batch, to completion, and whose {@link #execution()} states what the framework runs (number formats and transform,
 * from the settings the backend chose; the output check's tolerance follows from it). {@link #close()} releases
 * everything and is idempotent.
 */
public interface NetSession extends PreparedOp {
    /**
     * Runs the network {@code runs} more times under the framework's own profiler and returns each kernel's (layer's)
     * median time, its framework operator and the graph layer its name refers to.
     */
    List<KernelTiming> profile(int runs) throws BackendException;
}
