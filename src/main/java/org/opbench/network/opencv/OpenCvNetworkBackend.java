package org.opbench.network.opencv;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.opbench.backend.onnxruntime.OrtDirs;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * OpenCV DNN (JavaCPP preset 4.13) running a network read with {@code readNetFromONNX}, on its own CPU backend
 * ({@code DNN_BACKEND_OPENCV}, {@code DNN_TARGET_CPU}) with layer fusion on. Algorithms: {@code winograd}
 * (OpenCV's default: Winograd for 3x3 stride-1 convolutions) and {@code no-winograd}
 * ({@code Net.enableWinograd(false)}). Threads: {@code cv::setNumThreads}. The worker environment is ONNX Runtime's
 * ({@link OrtDirs}) because the worker may compute the reference output with ONNX Runtime.
 */
public final class OpenCvNetworkBackend implements NetworkBackend {
    public static final String NAME = "opencv";
    static final List<String> ALGORITHMS = List.of("winograd", "no-winograd");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        try {
            Loader.load(opencv_dnn.class);
            String version = opencv_core.CV_VERSION();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("binding", "org.bytedeco opencv " + version);
            details.put("dnn_backend", "DNN_BACKEND_OPENCV / DNN_TARGET_CPU");
            return Availability.available(version, "cpu", details);
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("cannot load OpenCV's native libraries: " + e);
        }
    }

    @Override
    public List<String> algorithms() {
        return ALGORITHMS;
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return OrtDirs.workerEnvironment(cacheDir);
    }

    @Override
    public NetSession open(NetRequest request) throws BackendException {
        if (!ALGORITHMS.contains(request.algorithm())) {
            throw new UnsupportedException("unknown opencv algorithm '" + request.algorithm() + "' (known: "
                    + String.join(", ", ALGORITHMS) + ")");
        }
        return OpenCvNetSession.open(request, request.algorithm().equals("winograd"));
    }
}
