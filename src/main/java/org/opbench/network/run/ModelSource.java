package org.opbench.network.run;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.opbench.network.InputShapes;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.onnx.OnnxImport;

/**
 * The model of a network measurement, ready for workers: a built-in network exported once per (definition,
 * seed) to {@code <cache>/network/models/<name>-<digest>-s<seed>.onnx}, or a user's ONNX file read (errors name the
 * file) with, in the cache, a copy without weight data for the workers' layer lists and, where the file fixes the
 * batch size, a copy whose batch dimension is free.
 *
 * @param name          built-in name or file name
 * @param builtin       whether it is a built-in network
 * @param runFile       the file the frameworks load
 * @param structureFile the weightless copy (files only), else null
 * @param graph         the graph
 * @param digest        built-in: the graph's digest and seed; file: a hash of the file's bytes
 * @param fileBatch     the batch size the file fixes, 0 when free (always 0 for built-ins)
 */
public record ModelSource(String name, boolean builtin, Path runFile, Path structureFile, NetGraph graph,
                          String digest, int fileBatch) {

    /** {@code nameOrFile}: a built-in network's name, or a path to an ONNX file. */
    public static ModelSource resolve(String nameOrFile, Path cacheDir, long seed) {
        return resolve(nameOrFile, cacheDir, seed, InputShapes.NONE);
    }

    /**
     * As {@link #resolve(String, Path, long)}, with the free dimensions of a file's input set by {@code given}
     * ({@code --input-shape}, {@code --dim}): the frameworks and workers then load a copy of the file whose input has
     * those sizes (batch free), named and digested with them.
     */
    public static ModelSource resolve(String nameOrFile, Path cacheDir, long seed, InputShapes given) {
        BuiltinNetwork b = Networks.get(nameOrFile);
        if (b != null && !given.isEmpty()) {
            throw new ModelException(b.name(), "--input-shape and --dim apply to ONNX files, not built-in networks");
        }
        Path models = cacheDir.resolve("network").resolve("models");
        if (b != null) {
            NetGraph g = b.build();
            String digest = g.digest() + "s" + seed;
            Path file = models.resolve(b.name() + "-" + digest + ".onnx");
            if (!Files.isRegularFile(file)) {
                try {
                    OnnxExport.write(g, seed, file);
                } catch (IOException e) {
                    throw new ModelException(b.name(), "cannot write its ONNX model to " + file + ": " + e.getMessage());
                }
            }
            return new ModelSource(b.name(), true, file, null, g, digest, 0);
        }
        Path path = Path.of(nameOrFile);
        if (!Files.exists(path) && !nameOrFile.contains("/") && !nameOrFile.endsWith(".onnx")) {
            throw new ModelException(nameOrFile, "neither a built-in network (" + String.join(", ", Networks.names())
                    + ") nor a file");
        }
        OnnxImport.Imported imp = OnnxImport.read(path, given);
        String digest = fileDigest(path);
        String stem = path.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path from = path;
        Path run = path.toAbsolutePath();
        boolean fixed = !given.isEmpty();
        if (fixed) {
            long[] in = imp.graph().inputDims();
            digest = digest + "-" + in[0] + "x" + in[1] + "x" + in[2];
            from = models.resolve(stem + "-" + digest + ".onnx");
            run = from;
        }
        Path structure = models.resolve(stem + "-" + digest + "-structure.onnx");
        try {
            if (fixed && !Files.isRegularFile(from)) {
                writeFixedInput(path, from, imp.graph().inputDims());
            }
            if (!Files.isRegularFile(structure)) {
                writeDerived(from, structure, false);
            }
            if (imp.fileBatch() > 0 && !fixed) {
                run = models.resolve(stem + "-" + digest + "-freebatch.onnx");
                if (!Files.isRegularFile(run)) {
                    writeDerived(path, run, true);
                }
            }
        } catch (IOException e) {
            throw new ModelException(path.toString(), "cannot write derived copies to " + models + ": "
                    + e.getMessage());
        }
        return new ModelSource(path.getFileName().toString(), false, run, structure, imp.graph(), digest,
                imp.fileBatch());
    }

    /** A short hash of the file's bytes (the reference outputs of two files differ when their weights do). */
    static String fileDigest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest(), 0, 8);
        } catch (IOException e) {
            throw new ModelException(file.toString(), "cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of the model: {@code freeBatch} makes dimension 0 of the inputs and outputs the free {@code N} and drops
     * intermediate value infos (which would pin it); otherwise the data of tensors over 64 values is dropped
     * (dimensions kept), leaving what the layer reader needs (shapes, axes, Resize scales).
     */
    static void writeDerived(Path from, Path to, boolean freeBatch) throws IOException {
        ModelProto m;
        try (InputStream in = Files.newInputStream(from)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            m = ModelProto.parseFrom(coded);
        }
        GraphProto.Builder g = m.getGraph().toBuilder();
        if (freeBatch) {
            for (ValueInfoProto.Builder v : g.getInputBuilderList()) {
                freeFirstDim(v);
            }
            for (ValueInfoProto.Builder v : g.getOutputBuilderList()) {
                freeFirstDim(v);
            }
            g.clearValueInfo();
        } else {
            for (TensorProto.Builder t : g.getInitializerBuilderList()) {
                long n = t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, c) -> a * c);
                if (n > 64) { // small tensors stay: shapes, axes, Resize scales, Clip bounds
                    t.clearRawData().clearFloatData().clearDoubleData().clearInt32Data().clearInt64Data()
                            .clearExternalData();
                }
            }
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), to.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                m.toBuilder().setGraph(g).build().writeTo(out);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A copy of the model whose (one) image input has the sizes {@code chw} after a free batch, outputs with a free
     * batch, intermediate value infos dropped (they may pin the free dimensions); weights kept.
     */
    static void writeFixedInput(Path from, Path to, long[] chw) throws IOException {
        ModelProto m;
        try (InputStream in = Files.newInputStream(from)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            m = ModelProto.parseFrom(coded);
        }
        GraphProto.Builder g = m.getGraph().toBuilder();
        java.util.Set<String> initializers = new java.util.HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        for (ValueInfoProto.Builder v : g.getInputBuilderList()) {
            if (initializers.contains(v.getName()) || !v.getType().hasTensorType()) {
                continue;
            }
            TensorShapeProto.Builder shape = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
            freeFirstDim(v);
            for (int i = 1; i < 4 && i < shape.getDimCount(); i++) {
                shape.setDim(i, TensorShapeProto.Dimension.newBuilder().setDimValue(chw[i - 1]));
            }
        }
        for (ValueInfoProto.Builder v : g.getOutputBuilderList()) {
            freeFirstDim(v); // other output dimensions as the file declares them (free ones stay free)
        }
        g.clearValueInfo();
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), to.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                m.toBuilder().setGraph(g).build().writeTo(out);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void freeFirstDim(ValueInfoProto.Builder v) {
        if (v.getType().hasTensorType() && v.getType().getTensorType().getShape().getDimCount() > 0) {
            v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().setDim(0,
                    TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExport.BATCH));
        }
    }
}
