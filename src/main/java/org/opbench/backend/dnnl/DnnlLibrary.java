package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_NONE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_OCL;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_OMP;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_SEQ;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_SYCL;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_TBB;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_THREADPOOL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;

/**
 * Loads oneDNN (through the JavaCPP preset) once per process and remembers what it reports: version, the ISA
 * it dispatches to, its CPU runtime and the number of threads it runs on.
 */
final class DnnlLibrary {
    /** What a successful load found. */
    record Info(String version, String isa, String runtime, OmpThreads.Count threads, Map<String, String> details) {
    }

    private static Availability availability;
    private static Info info;

    private DnnlLibrary() {
    }

    /** Loads the library on first use; later calls return the same answer. */
    static synchronized Availability probe() {
        if (availability == null) {
            availability = load();
        }
        return availability;
    }

    /** What the library reported, or null when it could not be loaded. */
    static synchronized Info info() {
        probe();
        return info;
    }

    private static Availability load() {
        try {
            Loader.load(dnnl.class);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError (no native library for this platform), NoClassDefFoundError (preset missing)
            return Availability.unavailable("oneDNN could not be loaded: " + e);
        } catch (RuntimeException e) {
            return Availability.unavailable("oneDNN could not be loaded: " + e);
        }
        try {
            dnnl_version_t v = dnnl.dnnl_version();
            BytePointer hashPtr = v.hash();
            String hash = hashPtr == null || hashPtr.isNull() ? "" : hashPtr.limit(0).getString();
            // builds without git metadata report the hash as "N/A"
            boolean realHash = hash.matches("[0-9a-fA-F]{7,40}");
            String version = v.major() + "." + v.minor() + "." + v.patch() + (realHash ? "+" + hash : "");
            String isa = CpuIsa.name(dnnl.dnnl_get_effective_cpu_isa());
            String runtime = runtimeName(v.cpu_runtime());
            OmpThreads.Count threads = OmpThreads.measure();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("cpu_runtime", runtime);
            details.put("isa", isa);
            details.put("hash", hash.isEmpty() ? "(none)" : hash);
            details.put("threads", Integer.toString(threads.threads()));
            details.put("threads_source", threads.source());
            String env = System.getenv("OMP_NUM_THREADS");
            details.put("OMP_NUM_THREADS", env == null ? "(unset)" : env);
            details.putAll(OmpWait.details(System.getenv()));
            details.put("javacpp", String.valueOf(Loader.getVersion()));
            details.put("binding", "org.bytedeco:dnnl (C API)");
            info = new Info(version, isa, runtime, threads, details);
            return Availability.available(version, "cpu:" + isa, details);
        } catch (BackendException | RuntimeException | java.io.IOException e) {
            return Availability.unavailable("oneDNN loaded but did not answer: " + e.getMessage());
        }
    }

    private static String runtimeName(int runtime) {
        if (runtime == DNNL_RUNTIME_OMP) {
            return "OMP";
        } else if (runtime == DNNL_RUNTIME_TBB) {
            return "TBB";
        } else if (runtime == DNNL_RUNTIME_SEQ) {
            return "SEQ";
        } else if (runtime == DNNL_RUNTIME_THREADPOOL) {
            return "THREADPOOL";
        } else if (runtime == DNNL_RUNTIME_NONE) {
            return "NONE";
        } else if (runtime == DNNL_RUNTIME_OCL) {
            return "OCL";
        } else if (runtime == DNNL_RUNTIME_SYCL) {
            return "SYCL";
        }
        return "runtime_" + runtime;
    }
}
