package org.opbench.backend.opencl;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.spi.Backend;
import org.opbench.testing.BackendContract;
import org.opbench.testing.Expectation;

/** The backend contract on opencl (PoCL's CPU device where CI installs it), tuning files in a temporary folder. */
class OpenClBackendTest implements BackendContract {
    @TempDir
    Path cache;

    @Override
    public Backend backend() {
        return new OpenClBackend();
    }

    /** OpenCL must run wherever the ICD loader has a driver to load (CI installs PoCL: pocl-opencl-icd). */
    @Override
    public Expectation expectedHere() {
        String dir = System.getenv().getOrDefault("OCL_ICD_VENDORS", "/etc/OpenCL/vendors");
        File[] icds = new File(dir).listFiles((d, name) -> name.endsWith(".icd"));
        return icds != null && icds.length > 0
                ? Expectation.available("an OpenCL driver is registered in " + dir + ": " + icds[0].getName())
                : Expectation.dependsOn("an OpenCL driver (none registered in " + dir + ")");
    }

    @Override
    public Map<String, String> options() {
        return Map.of(OpenClBackend.OPTION_CACHE, cache.toString());
    }
}
