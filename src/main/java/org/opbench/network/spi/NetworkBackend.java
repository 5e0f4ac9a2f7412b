package org.opbench.network.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;

/**
 * A framework that runs a whole network from an ONNX file, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.opbench.network.spi.NetworkBackend}). Same rules as the operator
 * {@link org.opbench.spi.Backend}: the constructor does nothing, {@link #probe()} loads the library, the
 * thread count is fixed per worker process through {@link #workerEnvironment} and {@link NetRequest#threads()}.
 */
public interface NetworkBackend {
    /** Name on the command line and in records; the same as the framework's operator backend where there is one. */
    String name();

    Availability probe();

    /** Algorithms (optimisation levels, convolution modes); the first is the framework's default. */
    List<String> algorithms();

    /** Option keys ({@code --option NAME.KEY=VALUE}) this backend understands. */
    default List<String> options() {
        return List.of();
    }

    /** Environment of the worker process for {@code threads}, set before the JVM starts. */
    default Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return Map.of();
    }

    /**
     * Loads the model and binds the input and output: all allocation happens here.
     *
     * @throws org.opbench.spi.UnsupportedException when the framework cannot run the model (an operator it lacks)
     * @throws BackendException                      when the framework fails
     */
    NetSession open(NetRequest request) throws BackendException;
}
