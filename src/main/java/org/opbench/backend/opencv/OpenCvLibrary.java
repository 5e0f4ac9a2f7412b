package org.opbench.backend.opencv;

import static org.bytedeco.opencv.global.opencv_core.CPU_AVX;
import static org.bytedeco.opencv.global.opencv_core.CPU_AVX2;
import static org.bytedeco.opencv.global.opencv_core.CPU_AVX_512F;
import static org.bytedeco.opencv.global.opencv_core.CPU_NEON;
import static org.bytedeco.opencv.global.opencv_core.CPU_SSE4_2;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;

/**
 * Loads the OpenCV natives (JavaCPP preset) on first use and gathers the facts a run header records. Nothing is
 * loaded before {@link #load()} is called.
 */
final class OpenCvLibrary {
    /** Environment switch of OpenCV's DNN module that lets its OpenCL target run on non-Intel GPUs. */
    static final String ALLOW_ALL_OPENCL = "OPENCV_DNN_OPENCL_ALLOW_ALL_DEVICES";

    /** What was found at load time. */
    record Facts(String version, String device, Map<String, String> details, OpenCl openCl) {
    }

    /**
     * OpenCV's OpenCL view: {@code usable} when OpenCV's default OpenCL device is a GPU that its DNN OpenCL target
     * accepts; otherwise {@code reason} says why not.
     */
    record OpenCl(boolean usable, String reason, String summary) {
    }

    private Facts facts;
    private String failure;

    /** Loads the natives once; returns the facts, or null when loading failed ({@link #failure()} says why). */
    synchronized Facts load() {
        if (facts != null || failure != null) {
            return facts;
        }
        try {
            Loader.load(opencv_dnn.class);
            OpenCvErrors.install();
            facts = gather();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            failure = "the OpenCV natives (JavaCPP opencv preset) could not be loaded: " + e;
        } catch (RuntimeException e) {
            failure = "OpenCV loaded but could not be queried: " + e;
        }
        return facts;
    }

    synchronized String failure() {
        return failure;
    }

    /**
     * The thread count OpenCV reports after {@code setNumThreads(requested)}; the previous setting is restored.
     * Call only after {@link #load()} succeeded.
     */
    static int effectiveThreads(int requested) {
        int previous = opencv_core.getNumThreads();
        try {
            opencv_core.setNumThreads(requested);
            return opencv_core.getNumThreads();
        } finally {
            opencv_core.setNumThreads(previous);
        }
    }

    private static Facts gather() {
        String version = string(opencv_core.getVersionString());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("binding", "org.bytedeco:opencv 4.13.0-1.5.13 (JavaCPP)");
        details.put("cpu_features", string(opencv_core.getCPUFeaturesLine()));
        details.put("parallel_framework", buildLine("Parallel framework:"));
        details.put("threads_default", Integer.toString(opencv_core.getNumThreads()));
        details.put("dnn_backend", "DNN_BACKEND_OPENCV");
        OpenCl ocl = OpenClProbe.inChildProcess();
        details.put("opencl", ocl.summary() + " (probed in a child JVM)");
        if (!ocl.usable()) {
            details.put("opencl_target", "unavailable: " + ocl.reason());
        }
        return new Facts(version, "cpu:" + isa(), details, ocl);
    }

    private static String isa() {
        if (opencv_core.checkHardwareSupport(CPU_AVX_512F)) {
            return "avx512";
        } else if (opencv_core.checkHardwareSupport(CPU_AVX2)) {
            return "avx2";
        } else if (opencv_core.checkHardwareSupport(CPU_AVX)) {
            return "avx";
        } else if (opencv_core.checkHardwareSupport(CPU_SSE4_2)) {
            return "sse4.2";
        } else if (opencv_core.checkHardwareSupport(CPU_NEON)) {
            return "neon";
        }
        return "baseline";
    }

    private static String buildLine(String key) {
        for (String line : string(opencv_core.getBuildInformation()).split("\n")) {
            String t = line.trim();
            if (t.startsWith(key)) {
                return t.substring(key.length()).trim();
            }
        }
        return "unknown";
    }

    /** A string OpenCV returned; JavaCPP's std::string views include the terminating NUL, which is dropped. */
    static String string(BytePointer p) {
        if (p == null || p.isNull()) {
            return "";
        }
        String s = p.getString();
        int end = s.indexOf('\0');
        return (end >= 0 ? s.substring(0, end) : s).trim();
    }
}
