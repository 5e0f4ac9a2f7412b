package org.opbench.network.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.opbench.network.ort.OrtNetworkBackend;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;

/**
 * Reference outputs of networks: ONNX Runtime with graph optimisation off ({@code cpu-none}: every node run as
 * written, one kernel each) on the same seeded input. Computed once per (graph digest, batch, seed) by the first
 * worker that needs it, after its own measurement, and kept as little-endian floats in the cache, so the other
 * backends' workers read it instead of loading a second framework.
 */
public final class ReferenceOutputs {
    /** What records name as the reference. */
    public static final String NAME = "onnxruntime cpu-none";

    private ReferenceOutputs() {
    }

    static Path file(Path dir, String digest, int batch, long seed) {
        return dir.resolve(digest + "-b" + batch + "-s" + seed + ".f32");
    }

    /** The cached reference, or null when it is not there (or has another length). */
    public static float[] cached(Path dir, String digest, int batch, long seed, int length) {
        Path f = file(dir, digest, batch, seed);
        try {
            if (Files.size(f) != 4L * length) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[length];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /** Computes the reference for {@code request} (its algorithm ignored) and caches it. */
    public static float[] compute(Path dir, String digest, long seed, NetRequest request) throws BackendException {
        return compute(dir, digest, seed, request, request.model());
    }

    /**
     * Computes the reference for {@code request} from {@code fp32Model} (the fp32 model of a quantised request: the
     * reference of every precision is the fp32 network) and caches it.
     */
    public static float[] compute(Path dir, String digest, long seed, NetRequest request, Path fp32Model)
            throws BackendException {
        OrtNetworkBackend ort = new OrtNetworkBackend();
        Availability a = ort.probe();
        if (!a.available()) {
            throw new BackendException("reference unavailable: " + a.reason());
        }
        NetRequest none = new NetRequest(fp32Model, request.input(), request.inputShape(), request.inputData(),
                request.output(), request.outputShape(), request.threads(), "cpu-none", java.util.Map.of(),
                request.graph(), request.layers());
        float[] out;
        try (NetSession s = ort.open(none)) {
            s.run();
            out = s.output().clone();
        }
        store(dir, digest, (int) request.inputShape()[0], seed, out);
        return out;
    }

    private static void store(Path dir, String digest, int batch, long seed, float[] values) {
        try {
            Files.createDirectories(dir);
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            Path f = file(dir, digest, batch, seed);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".part");
            Files.write(tmp, b.array());
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the cache is an optimisation: the next worker computes it again
        }
    }
}
