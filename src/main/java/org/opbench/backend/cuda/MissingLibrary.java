package org.opbench.backend.cuda;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the error a JavaCPP preset raises when a native library cannot be loaded into a reason a person can act
 * on. The presets' JNI libraries (for example {@code libjnicudart.so}) link against the NVIDIA libraries; when one
 * is absent the dynamic loader's message names it ({@code libcuda.so.1: cannot open shared object file}), and that
 * name is what the reason is built from. Pure functions, tested without a GPU.
 */
public final class MissingLibrary {
    /** The dynamic loader's wording for a shared object it cannot find. */
    private static final Pattern CANNOT_OPEN = Pattern.compile("([A-Za-z0-9_.+-]+\\.so(?:\\.[0-9]+)*): cannot open shared object file");

    private MissingLibrary() {
    }

    /** The shared object the loader could not open, from anywhere in {@code t}'s cause chain; null if none. */
    public static String missingObject(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                Matcher matcher = CANNOT_OPEN.matcher(m);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /**
     * The reason a backend is unavailable after loading failed with {@code t}.
     *
     * @param t the {@link UnsatisfiedLinkError} (or {@link NoClassDefFoundError}) the preset raised
     */
    public static String reason(Throwable t) {
        String lib = missingObject(t);
        if (lib != null) {
            return reasonForObject(lib);
        }
        return "native library failed to load: " + firstLine(t);
    }

    /** The reason for a missing shared object, named by the NVIDIA component it belongs to. */
    static String reasonForObject(String lib) {
        String l = lib.toLowerCase(Locale.ROOT);
        if (l.startsWith("libcuda.so")) {
            return "no NVIDIA driver: " + lib + " not found";
        }
        if (l.startsWith("libcudart")) {
            return "CUDA runtime not found: " + lib + " (needs the CUDA " + NvidiaVersions.CUDA
                    + " runtime, or build with -Pcuda-redist)";
        }
        if (l.startsWith("libcublas")) {
            return "cuBLAS library not found: " + lib + " (needs cuBLAS from CUDA " + NvidiaVersions.CUDA + ")";
        }
        if (l.startsWith("libcudnn")) {
            return "cuDNN library not found: " + lib + " (needs cuDNN " + NvidiaVersions.CUDNN + " for CUDA 13)";
        }
        if (l.startsWith("libnvinfer") || l.startsWith("libnvonnxparser")) {
            return "TensorRT library not found: " + lib + " (needs TensorRT " + NvidiaVersions.TENSORRT
                    + " for CUDA 13, or build with -Pcuda-redist)";
        }
        return "native library not found: " + lib;
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
