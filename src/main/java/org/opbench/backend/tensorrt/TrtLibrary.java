package org.opbench.backend.tensorrt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;
import static org.bytedeco.tensorrt.global.nvinfer.getInferLibMajorVersion;
import static org.bytedeco.tensorrt.global.nvinfer.getInferLibMinorVersion;
import static org.bytedeco.tensorrt.global.nvinfer.getInferLibPatchVersion;

import java.nio.file.Path;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IRuntime;
import org.opbench.spi.BackendException;

/**
 * The TensorRT objects a process needs once: the logger, one builder and one runtime. They are created on first
 * use and live until the process ends, shared by every point of a worker (building and deserializing need nothing
 * per point from them).
 */
public final class TrtLibrary {
    private static TrtLibrary instance;

    final TrtLogger logger;
    final IBuilder builder;
    final IRuntime runtime;

    private TrtLibrary(TrtLogger logger, IBuilder builder, IRuntime runtime) {
        this.logger = logger;
        this.builder = builder;
        this.runtime = runtime;
    }

    /** The process's builder and runtime, created on the first call (after the backend's probe succeeded). */
    public static synchronized TrtLibrary get(Path tempDir) throws BackendException {
        if (instance == null) {
            TrtLogger logger = new TrtLogger();
            IBuilder builder = createInferBuilder(logger);
            if (builder == null || builder.isNull()) {
                throw new BackendException("createInferBuilder failed: " + logger.drain());
            }
            IRuntime runtime = createInferRuntime(logger);
            if (runtime == null || runtime.isNull()) {
                throw new BackendException("createInferRuntime failed: " + logger.drain());
            }
            if (tempDir != null) {
                try {
                    java.nio.file.Files.createDirectories(tempDir);
                } catch (java.io.IOException e) {
                    throw new BackendException("cannot create TensorRT's temporary directory " + tempDir + ": " + e, e);
                }
                runtime.setTemporaryDirectory(tempDir.toString());
            }
            instance = new TrtLibrary(logger, builder, runtime);
        }
        return instance;
    }

    /** What TensorRT logged (warnings and errors) since the last call, for error messages. */
    public String drainLog() {
        return String.join("; ", logger.drain());
    }

    /** The loaded library's version, e.g. {@code 10.15.1}. */
    public static String version() {
        return getInferLibMajorVersion() + "." + getInferLibMinorVersion() + "." + getInferLibPatchVersion();
    }
}
