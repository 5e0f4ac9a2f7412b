package org.opbench.backend.opencl;

import java.io.File;
import org.opbench.spi.Availability;
import org.opbench.testing.Expectation;

/** Whether OpenCL must run here, for the opencl tests of every package. */
public final class OpenClTestSupport {
    private OpenClTestSupport() {
    }

    /** OpenCL must run wherever the ICD loader has a driver to load (CI installs PoCL: pocl-opencl-icd). */
    public static Expectation expectedHere() {
        String dir = System.getenv().getOrDefault("OCL_ICD_VENDORS", "/etc/OpenCL/vendors");
        File[] icds = new File(dir).listFiles((d, name) -> name.endsWith(".icd"));
        return icds != null && icds.length > 0
                ? Expectation.available("an OpenCL driver is registered in " + dir + ": " + icds[0].getName())
                : Expectation.dependsOn("an OpenCL driver (none registered in " + dir + ")");
    }

    /** Continues when {@code a} is available: fails where OpenCL must run, skips naming the reason elsewhere. */
    public static void ready(Availability a) {
        expectedHere().requireAvailable("opencl", a);
    }
}
