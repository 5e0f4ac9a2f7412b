package org.opbench.network.tensorrt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.backend.cuda.CudaEnvironment;
import org.opbench.backend.tensorrt.CalibrationBatches;
import org.opbench.backend.tensorrt.EngineBuilder;
import org.opbench.backend.tensorrt.LayerProfiler;
import org.opbench.backend.tensorrt.Precision;
import org.opbench.backend.tensorrt.TensorRtBackend;
import org.opbench.backend.tensorrt.TrtSetup;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * TensorRT running a whole network: the ONNX file is parsed by TensorRT's ONNX parser and built into an engine for
 * exactly the measured input shape (one optimization profile, min = opt = max, since opbench's models have a free
 * batch dimension), with the precision the algorithm names ({@code fp32}, {@code tf32}, {@code fp16}, {@code int8};
 * see {@link Precision}) and the timing cache the operator backend uses. The builder time is recorded as
 * {@code build_ms}. Per-layer times come from TensorRT's own profiler through opbench's C++ {@code IProfiler}
 * ({@link LayerProfiler}).
 *
 * <p>Availability is the operator backend's ({@link TensorRtBackend#probe()}): a CUDA device and TensorRT 10.
 * Host threads do not apply: only {@code --threads 1} is accepted. Options: {@code tensorrt.device},
 * {@code tensorrt.workspace_mb}, {@code tensorrt.calibration_batches}, as for operators.
 */
public final class TrtNetworkBackend implements NetworkBackend {
    private final TensorRtBackend operators = new TensorRtBackend();

    @Override
    public String name() {
        return TensorRtBackend.NAME;
    }

    @Override
    public Availability probe() {
        Availability a = operators.probe();
        if (!a.available()) {
            return a;
        }
        String profiler = LayerProfiler.load();
        if (profiler != null) {
            return Availability.available(a.version(), a.device(), withDetail(a.details(), "layer_profiles",
                    "unavailable: " + profiler));
        }
        return a;
    }

    private static Map<String, String> withDetail(Map<String, String> details, String key, String value) {
        Map<String, String> m = new java.util.LinkedHashMap<>(details);
        m.put(key, value);
        return m;
    }

    @Override
    public List<String> algorithms() {
        return Precision.names();
    }

    @Override
    public List<String> options() {
        return TensorRtBackend.Settings.KEYS;
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return CudaEnvironment.worker(cacheDir);
    }

    @Override
    public NetSession open(NetRequest request) throws BackendException {
        Precision precision = Precision.parse(request.algorithm());
        if (precision == null) {
            throw new UnsupportedException("tensorrt has no precision '" + request.algorithm() + "' (known: "
                    + String.join(", ", Precision.names()) + ")");
        }
        if (request.int8()) {
            throw new UnsupportedException("tensorrt: opbench does not run QDQ int8 models on TensorRT (its explicit "
                    + "quantisation is untried and what it would run unverified here); TensorRT's own int8 is "
                    + "--algorithms int8 on the fp32 model");
        }
        if (request.threads() != 1) {
            throw new UnsupportedException("the tensorrt backend runs on the GPU: host threads do not apply "
                    + "(threads=1 only)");
        }
        TensorRtBackend.Settings settings;
        try {
            settings = TensorRtBackend.Settings.of(key -> request.option(key, null));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedException(e.getMessage());
        }
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(request.model());
        } catch (IOException e) {
            throw new BackendException("cannot read " + request.model() + ": " + e, e);
        }
        TrtSetup setup = TrtSetup.open(settings.device());
        CalibrationBatches calibration = precision.int8()
                ? new CalibrationBatches(0x5DEECE66DL ^ request.inputData().length, request.inputData().length,
                        settings.calibrationBatches())
                : null;
        EngineBuilder.Options options = new EngineBuilder.Options(precision, settings.workspaceBytes(),
                setup.timingCache(), request.input(), request.inputShape(), calibration);
        return TrtNetSession.open(setup.lib(), request, onnx, options);
    }
}
