package org.opbench.backend.opencl;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.testing.BackendContract;

/** The backend contract on opencl (PoCL's CPU device where CI installs it), tuning files in a temporary folder. */
class OpenClBackendTest implements BackendContract {
    @TempDir
    Path cache;

    @Override
    public Subject subject() {
        return new Subject(new OpenClBackend(), OpenClTestSupport.expectedHere());
    }

    @Override
    public Map<String, String> options() {
        return Map.of(OpenClBackend.OPTION_CACHE, cache.toString());
    }
}
