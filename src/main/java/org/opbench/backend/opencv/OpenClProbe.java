package org.opbench.backend.opencv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Device;

/**
 * Asks OpenCV about OpenCL in a child JVM. Enumerating OpenCL devices initialises every installed platform, and
 * after PoCL's initialisation the JVM's own handling of integer division by zero is gone in that process
 * ({@code 5 / 0} evaluates to 5 instead of throwing; measured with Debian's pocl-opencl-icd and this OpenCV
 * build), so the worker JVM that times and checks results must not do it just to learn that there is no GPU.
 * The {@code ocl} algorithm initialises OpenCL in the worker only after this probe found a usable GPU.
 */
public final class OpenClProbe {
    private static final long TIMEOUT_S = 60;

    private OpenClProbe() {
    }

    /** Child entry point: prints one line {@code usable<TAB>reason<TAB>summary}. */
    public static void main(String[] args) {
        OpenCvLibrary.OpenCl r;
        try {
            Loader.load(opencv_dnn.class);
            r = inProcess();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | RuntimeException e) {
            r = new OpenCvLibrary.OpenCl(false, "OpenCV could not be queried about OpenCL: " + e, "unknown");
        }
        System.out.println(r.usable() + "\t" + clean(r.reason()) + "\t" + clean(r.summary()));
    }

    /** Runs {@link #main} in a child JVM with this JVM's class path and JavaCPP settings. */
    static OpenCvLibrary.OpenCl inChildProcess() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("org.bytedeco.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add(OpenClProbe.class.getName());
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed("the OpenCL probe process did not finish within " + TIMEOUT_S + " s");
            }
            if (line == null || p.exitValue() != 0) {
                return failed("the OpenCL probe process exited with status " + p.exitValue());
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                return failed("the OpenCL probe process printed an unexpected line: " + line);
            }
            boolean usable = Boolean.parseBoolean(f[0]);
            return new OpenCvLibrary.OpenCl(usable, usable ? null : f[1], f[2]);
        } catch (IOException e) {
            return failed("the OpenCL probe process could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while probing OpenCL");
        }
    }

    private static OpenCvLibrary.OpenCl failed(String reason) {
        return new OpenCvLibrary.OpenCl(false, reason, "not probed: " + reason);
    }

    /** OpenCV's view of OpenCL in this process (initialises the OpenCL platforms). */
    static OpenCvLibrary.OpenCl inProcess() {
        if (!opencv_core.haveOpenCL()) {
            return new OpenCvLibrary.OpenCl(false, "OpenCV found no OpenCL runtime", "runtime=no");
        }
        boolean use = opencv_core.useOpenCL();
        try (Device d = Device.getDefault()) {
            boolean present = d != null && !d.isNull() && d.available();
            if (!present) {
                return new OpenCvLibrary.OpenCl(false, "OpenCV's default OpenCL device selection (which prefers "
                        + "GPUs) found no device; a CPU-only platform such as PoCL is not a meaningful target",
                        "runtime=yes, default_device=none, useOpenCL=" + use);
            }
            boolean gpu = (d.type() & Device.TYPE_GPU) != 0;
            String summary = "runtime=yes, default_device=" + OpenCvLibrary.string(d.name()) + " ("
                    + OpenCvLibrary.string(d.vendorName()) + ", " + (gpu ? "gpu" : "type " + d.type()) + ", "
                    + OpenCvLibrary.string(d.version()) + "), useOpenCL=" + use;
            String allowAll = System.getenv(OpenCvLibrary.ALLOW_ALL_OPENCL);
            boolean anyDevice = "1".equals(allowAll) || "true".equalsIgnoreCase(allowAll);
            if (!use) {
                return new OpenCvLibrary.OpenCl(false, "OpenCV does not use OpenCL (useOpenCL=false)", summary);
            }
            if (!gpu) {
                return new OpenCvLibrary.OpenCl(false, "OpenCV's default OpenCL device is not a GPU; a CPU OpenCL "
                        + "platform is not a meaningful target", summary);
            }
            if (!d.isIntel() && !anyDevice) {
                return new OpenCvLibrary.OpenCl(false, "OpenCV's DNN OpenCL target runs only on Intel GPUs unless "
                        + OpenCvLibrary.ALLOW_ALL_OPENCL + "=1 is set before the worker starts", summary);
            }
            if (!dnnListsOpenCl()) {
                return new OpenCvLibrary.OpenCl(false, "getAvailableTargets(DNN_BACKEND_OPENCV) does not list "
                        + "DNN_TARGET_OPENCL", summary);
            }
            return new OpenCvLibrary.OpenCl(true, null, summary);
        }
    }

    private static boolean dnnListsOpenCl() {
        try (IntPointer targets = opencv_dnn.getAvailableTargets(opencv_dnn.DNN_BACKEND_OPENCV)) {
            for (long i = 0; i < targets.limit(); i++) {
                if (targets.get(i) == opencv_dnn.DNN_TARGET_OPENCL) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }
}
