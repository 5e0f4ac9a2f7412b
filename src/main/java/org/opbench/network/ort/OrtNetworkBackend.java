package org.opbench.network.ort;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.backend.onnxruntime.OrtDirs;
import org.opbench.backend.onnxruntime.OrtProbe;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * ONNX Runtime (Java binding, CPU execution provider) running a whole network. Algorithms are the graph
 * optimisation levels as in the operator backend: {@code cpu-all} (ORT's default), {@code cpu-layout},
 * {@code cpu-extended}, {@code cpu-basic}, {@code cpu-none}. Sessions are built by the operator backend's
 * {@link org.opbench.backend.onnxruntime.OrtSessionOptions} (intra-op threads = the thread count, inter-op 1,
 * sequential execution, spinning off unless {@code --option onnxruntime.spin=true}). Files go where
 * {@link OrtDirs} puts them.
 */
public final class OrtNetworkBackend implements NetworkBackend {
    public static final String NAME = "onnxruntime";
    static final List<String> ALGORITHMS = List.of("cpu-all", "cpu-layout", "cpu-extended", "cpu-basic", "cpu-none");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        return OrtProbe.probe(e -> Availability.available(e.getVersion(), "cpu", Map.of("binding",
                "onnxruntime-java " + e.getVersion(), "provider", "CPUExecutionProvider")));
    }

    @Override
    public List<String> algorithms() {
        return ALGORITHMS;
    }

    @Override
    public List<String> options() {
        return List.of("spin", "profile_dir");
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return OrtDirs.workerEnvironment(cacheDir);
    }

    /** The session option level of an algorithm name, or null. */
    static OptLevel level(String algorithm) {
        return switch (algorithm) {
            case "cpu-all" -> OptLevel.ALL_OPT;
            case "cpu-layout" -> OptLevel.LAYOUT_OPT;
            case "cpu-extended" -> OptLevel.EXTENDED_OPT;
            case "cpu-basic" -> OptLevel.BASIC_OPT;
            case "cpu-none" -> OptLevel.NO_OPT;
            default -> null;
        };
    }

    @Override
    public NetSession open(NetRequest request) throws BackendException {
        OptLevel level = level(request.algorithm());
        if (level == null) {
            throw new UnsupportedException("unknown onnxruntime algorithm '" + request.algorithm() + "' (known: "
                    + String.join(", ", ALGORITHMS) + ")");
        }
        String spin = request.option("spin", "false");
        if (!spin.equals("true") && !spin.equals("false")) {
            throw new UnsupportedException("option onnxruntime.spin must be true or false, not '" + spin + "'");
        }
        return OrtNetSession.openMapped(request, level, Boolean.parseBoolean(spin));
    }
}
