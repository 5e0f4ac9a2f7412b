package org.opbench.network.spi;

import java.util.List;
import java.util.Map;
import org.opbench.network.profile.KernelTiming;
import org.opbench.spi.BackendException;

/** A loaded network with its input bound. {@link #close()} releases everything and is idempotent. */
public interface NetSession extends AutoCloseable {
    /** One inference of the bound batch, to completion. Allocates nothing the caller could avoid. */
    void run() throws BackendException;

    /** The output of the last {@link #run()}. */
    float[] output() throws BackendException;

    /** The implementation as the framework names it (execution provider, engine). */
    String impl();

    /** Framework settings and facts recorded with the measurement. */
    Map<String, Object> details();

    /**
     * Runs the network {@code runs} more times under the framework's own profiler and returns each kernel's (layer's)
     * median time, its framework operator and the graph layer its name refers to.
     */
    List<KernelTiming> profile(int runs) throws BackendException;

    @Override
    void close();
}
