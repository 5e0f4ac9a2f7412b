package org.opbench.peaks;

import java.nio.file.Path;
import java.util.Map;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;

/**
 * A ceiling measured with a backend's library (e.g. oneDNN's sgemm, the OpenCL device): it can run where the
 * backend can, and its worker JVM gets the backend's environment for the thread count (one thread for a device
 * provider measured once).
 */
public abstract class BackendCeiling extends NamedCeiling {

    protected BackendCeiling(String name, String... kinds) {
        super(name, kinds);
    }

    /** A new instance of the backend (its constructor does nothing; {@link #probe()} loads the library). */
    protected abstract Backend backend();

    @Override
    public final Map<String, String> workerEnvironment(Integer threads, Path cacheDir) {
        return backend().workerEnvironment(threads == null ? 1 : threads, cacheDir);
    }

    @Override
    public final Availability probe() {
        return backend().probe();
    }
}
