package org.opbench.backend.acl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;
import org.opbench.spi.Availability;

/**
 * Loads the ACL binding once per process and remembers what the library reported. The binding exists for
 * linux-arm64 only; on any other platform the answer is {@code unavailable} with the reason, before anything loads.
 */
final class AclLibrary {
    private static final Pattern VERSION = Pattern.compile("arm_compute_version=v?(\\S+)");

    private static Availability availability;

    private AclLibrary() {
    }

    static synchronized Availability probe() {
        if (availability == null) {
            availability = load();
        }
        return availability;
    }

    /** Whether this JVM runs on arm64 Linux, the only platform the binding is built for. */
    static boolean arm64Linux() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("aarch64") || arch.equals("arm64"));
    }

    private static String javacppVersion() {
        try {
            return Loader.getVersion();
        } catch (java.io.IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    private static Availability load() {
        if (!arm64Linux()) {
            return Availability.unavailable("needs arm64 (linux-arm64): the ACL binding is built for aarch64 Linux "
                    + "only and this JVM runs on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + "; run its workers on an arm64 board (--worker-launcher \"ssh HOST\") or under emulation "
                    + "(--worker-launcher qemu-aarch64-static --worker-java ARM64_JAVA; see docs/acl.md)");
        }
        try {
            Loader.load(AclNative.class);
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the ACL binding could not be loaded: " + e + " (it needs Debian's "
                    + "libarm-compute20 (apt-get install libarm-compute-dev) and target/opbench-linux-arm64.jar, "
                    + "built by the acl-native Maven profile, on the class path)");
        }
        try {
            String build = AclNative.opbench_acl_build_info();
            Matcher m = VERSION.matcher(build == null ? "" : build);
            String version = m.find() ? m.group(1) : "unknown";
            String cpu = AclNative.opbench_acl_cpu_info();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("build_information", build);
            details.put("cpu", cpu);
            details.put("threads", Integer.toString(AclNative.opbench_acl_threads()));
            details.put("binding", "native/acl glue (C API over ACL's runtime functions) via JavaCPP "
                    + javacppVersion());
            details.put("opencl", build != null && build.contains("'opencl': '1'")
                    ? "compiled in; initialised on the first cl-* point" : "not compiled in");
            String model = cpu == null || cpu.isBlank() ? "unknown" : cpu.split(" ")[0];
            return Availability.available(version, "cpu:neon:" + model, details);
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the ACL binding loaded but could not be queried: " + e);
        }
    }
}
