package org.opbench.backend.acl;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the emulated ACL tests need on an x86-64 machine, found or reported missing (loudly, then the tests skip):
 * {@code qemu-aarch64-static} on the PATH, an arm64 java ({@code OPBENCH_ARM64_JAVA}, else where
 * {@code native/arm64-jre.sh} puts it by default), the arm64 ACL libraries, and the binding built by the
 * {@code acl-native} Maven profile. {@code native/ci-arm64.sh} sets all of them up.
 */
final class AclEmulation {
    static final String QEMU = "qemu-aarch64-static";
    static final Path ACL_LIB = Path.of("/usr/lib/aarch64-linux-gnu/libarm_compute.so.20");

    /** The launcher program, the arm64 java and the workers' class path (the tests' plus the arm64 natives). */
    record Setup(String qemu, String java, String classPath) {
    }

    private AclEmulation() {
    }

    static Setup require() {
        Assumptions.assumeFalse(AclLibrary.arm64Linux(),
                "this JVM runs on arm64 Linux: AclNativeOpsTest runs the binding natively instead of under qemu");
        List<String> missing = new ArrayList<>();
        Path qemu = onPath(QEMU);
        if (qemu == null) {
            missing.add(QEMU + " on the PATH (apt-get install qemu-user-static)");
        }
        Path java = arm64Java();
        if (!Files.isExecutable(java)) {
            missing.add("an arm64 java at " + java + " (native/arm64-jre.sh, or set OPBENCH_ARM64_JAVA)");
        }
        if (!Files.exists(ACL_LIB)) {
            missing.add(ACL_LIB + " (dpkg --add-architecture arm64; apt-get install libarm-compute-dev:arm64)");
        }
        Path natives = home().resolve("target/native-arm64");
        if (!Files.exists(natives.resolve("org/opbench/backend/acl/linux-arm64/libjniAclNative.so"))) {
            missing.add("the arm64 binding under " + natives + " (built by the acl-native Maven profile, which needs "
                    + "g++-aarch64-linux-gnu and libarm-compute-dev:arm64)");
        }
        if (!missing.isEmpty()) {
            String why = "ACL emulated tests SKIPPED; missing: " + String.join("; ", missing)
                    + ". native/ci-arm64.sh installs and prepares all of it.";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        return new Setup(qemu.toString(), java.toString(),
                System.getProperty("java.class.path") + File.pathSeparator + natives);
    }

    /**
     * The arm64 OpenCL root of {@code native/arm64-opencl.sh} ({@code OPBENCH_ARM64_OPENCL}, else its default
     * place), for qemu's {@code -L}; skips loudly when absent.
     */
    static Path requireOpenCl() {
        String env = System.getenv("OPBENCH_ARM64_OPENCL");
        Path root = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "opbench", "arm64-opencl");
        if (!Files.exists(root.resolve(".complete"))) {
            String why = "ACL OpenCL emulated test SKIPPED: no arm64 OpenCL stack at " + root
                    + " (native/arm64-opencl.sh, run by native/ci-arm64.sh, unpacks it)";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        return root;
    }

    static Path home() {
        return Path.of(System.getProperty("opbench.home", ".")).toAbsolutePath();
    }

    static Path arm64Java() {
        String env = System.getenv("OPBENCH_ARM64_JAVA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        // the default cache of native/arm64-jre.sh (the tests' own OPBENCH_CACHE lies under target/)
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "opbench");
        return cache.resolve("arm64-jre/usr/lib/jvm/java-17-openjdk-arm64/bin/java");
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
