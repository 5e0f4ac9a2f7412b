package org.opbench.backend.cuda;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opbench.testing.Expectation;

/** Facts about this machine's NVIDIA installation that tests need to decide which reason to expect. */
public final class NvidiaTestSupport {
    private NvidiaTestSupport() {
    }

    /** Whether a {@code libcuda.so.1} (the driver library) is in a standard library directory or LD_LIBRARY_PATH. */
    public static boolean driverLibraryPresent() {
        List<String> dirs = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64", "/usr/local/cuda/compat",
                "/usr/lib/wsl/lib"));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        for (String d : dirs) {
            if (Files.exists(Path.of(d, "libcuda.so.1"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What an NVIDIA backend's probe must answer here: without the driver library, unavailable with
     * {@link #NO_DRIVER}; with it, whatever {@code capability} (the GPU and the libraries) allows.
     */
    public static Expectation expectedHere(String capability) {
        return driverLibraryPresent() ? Expectation.dependsOn(capability) : Expectation.unavailable(NO_DRIVER);
    }

    /** The reason opbench gives on a machine without the driver. */
    public static final String NO_DRIVER = "no NVIDIA driver: libcuda.so.1 not found";
}
