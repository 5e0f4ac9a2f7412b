package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import org.opbench.spi.Availability;

/**
 * The probe the operator and network ONNX Runtime backends share: create the worker folders ({@link OrtDirs}), load
 * the environment ({@link OrtSessionOptions#environment()}), then let the backend describe what it found. Every
 * failure becomes an unavailable {@link Availability} with its reason.
 */
public final class OrtProbe {

    /** What a backend reports about a loaded environment. */
    @FunctionalInterface
    public interface Describer {
        Availability describe(OrtEnvironment environment) throws OrtException;
    }

    private OrtProbe() {
    }

    /** Probes ONNX Runtime and describes it with {@code describer}; never throws for a missing folder or library. */
    public static Availability probe(Describer describer) {
        try {
            OrtDirs.createWorkerFolders();
            OrtNatives.useCached(org.opbench.env.OpbenchHome.cacheDir());
        } catch (IOException e) {
            return Availability.unavailable("cannot create ONNX Runtime's folders under the cache directory: " + e);
        }
        try {
            return describer.describe(OrtSessionOptions.environment());
        } catch (OrtException ex) {
            return Availability.unavailable("ONNX Runtime environment failed: " + ex.getCode() + ": " + ex.getMessage());
        } catch (LinkageError | RuntimeException ex) {
            return Availability.unavailable("cannot load the ONNX Runtime native library: " + ex);
        }
    }
}
