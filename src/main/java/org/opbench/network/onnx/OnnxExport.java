package org.opbench.network.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SplittableRandom;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.NetNode;
import org.opbench.network.ParamSpec;
import org.opbench.network.ShapeInference;

/**
 * Writes a {@link NetGraph} as an ONNX model (IR 8, default-domain opset of the graph): the nodes as they are,
 * every parameter as a little-endian raw-data initializer filled with seeded random values (see
 * {@link ParamSpec.Init}; the same graph and seed give the same bytes), the image input and the outputs with a
 * free batch dimension {@value #BATCH}. Metadata records the seed and the graph's digest.
 */
public final class OnnxExport {
    /** Name of the free batch dimension. */
    public static final String BATCH = "N";
    /** IR version matching opset 17 (ONNX 1.12). */
    public static final long IR_VERSION = 8;
    /** Largest model written: one protobuf message is limited to 2 GiB. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - (1L << 20);

    private OnnxExport() {
    }

    public static ModelProto model(NetGraph g, long seed) {
        return model(g, seed, true);
    }

    /**
     * The model; without {@code weights} the float initializers carry their dimensions but no values (not runnable:
     * for reading the graph back, as {@link OnnxImport} does, without generating the weights).
     */
    public static ModelProto model(NetGraph g, long seed, boolean weights) {
        long bytes = 4 * g.params().values().stream().mapToLong(ParamSpec::elements).sum();
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(g.name() + ": " + bytes + " bytes of weights exceed the 2 GiB of one "
                    + "ONNX protobuf (external data is not written)");
        }
        NetLayers layers = ShapeInference.infer(g, 1, g.name());
        long[] in = g.inputDims();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(g.name())
                .addInput(valueInfo(g.input(), new long[] {1, in[0], in[1], in[2]}));
        for (String out : g.outputs()) {
            graph.addOutput(valueInfo(out, layers.outputDims().get(out)));
        }
        for (Map.Entry<String, ParamSpec> p : g.params().entrySet()) {
            graph.addInitializer(weights || p.getValue().intValues() != null || p.getValue().floatValues() != null
                    ? tensor(p.getKey(), p.getValue(), seed) : shapeOnly(p.getKey(), p.getValue()));
        }
        for (NetNode n : g.nodes()) {
            NodeProto.Builder node = NodeProto.newBuilder().setName(n.name()).setOpType(n.op())
                    .addAllInput(n.inputs()).addAllOutput(n.outputs());
            n.attrs().forEach((k, v) -> node.addAttribute(attribute(k, v)));
            graph.addNode(node);
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("opbench")
                .setProducerVersion(org.opbench.env.OpbenchHome.version())
                .setDocString("opbench built-in network " + g.name() + "; weights are seeded random values (seed "
                        + seed + "), not trained")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(g.opset()))
                .addMetadataProps(meta("opbench.network", g.name()))
                .addMetadataProps(meta("opbench.digest", g.digest()))
                .addMetadataProps(meta("opbench.seed", Long.toString(seed)))
                .setGraph(graph).build();
    }

    /** Writes the model to {@code file} (through a temporary file in the same folder, then an atomic rename). */
    public static void write(NetGraph g, long seed, Path file) throws IOException {
        write(model(g, seed), file);
    }

    /** Writes {@code m} to {@code file} (through a temporary file in the same folder, then an atomic rename). */
    public static void write(ModelProto m, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                m.writeTo(out);
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep what the temporary file got
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** Value info with the first dimension made the free batch {@value #BATCH}. */
    static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(i == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    static AttributeProto attribute(String name, Object v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Long l) {
            a.setType(AttributeProto.AttributeType.INT).setI(l);
        } else if (v instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (v instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (v instanceof float[] fs) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (v instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(s, StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value " + v);
        }
        return a.build();
    }

    private static TensorProto shapeOnly(String name, ParamSpec p) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : p.dims()) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An initializer: INT64 for integer constants, else FLOAT, as raw little-endian data. */
    static TensorProto tensor(String name, ParamSpec p, long seed) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name);
        for (long d : p.dims()) {
            t.addDims(d);
        }
        long[] ints = p.intValues();
        if (ints != null) {
            ByteBuffer b = ByteBuffer.allocate(ints.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(ints);
            return t.setDataType(TensorProto.DataType.INT64.getNumber())
                    .setRawData(UnsafeByteOperations.unsafeWrap(b.array())).build();
        }
        int n = Math.toIntExact(p.elements());
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        float[] given = p.floatValues();
        if (given != null) {
            b.asFloatBuffer().put(given);
        } else {
            fill(b, p, new SplittableRandom(seed ^ hash(name)));
        }
        return t.setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(b.array())).build(); // the array is ours, never changed
    }

    private static void fill(ByteBuffer b, ParamSpec p, SplittableRandom r) {
        long[] d = p.dims();
        double lo;
        double hi;
        switch (p.init()) {
            case WEIGHT -> {
                long fanIn = 1;
                for (int i = 1; i < d.length; i++) {
                    fanIn *= d[i];
                }
                hi = Math.sqrt(6.0 / Math.max(fanIn, 1));
                lo = -hi;
            }
            case BIAS -> {
                lo = -0.05;
                hi = 0.05;
            }
            case BN_SCALE, BN_VAR -> {
                lo = 0.8;
                hi = 1.2;
            }
            case BN_SCALE_RESIDUAL -> {
                lo = 0.1;
                hi = 0.3;
            }
            case BN_SHIFT, BN_MEAN -> {
                lo = -0.1;
                hi = 0.1;
            }
            default -> throw new IllegalArgumentException("no values for a " + p.init() + " parameter");
        }
        int n = b.capacity() / Float.BYTES;
        for (int i = 0; i < n; i++) {
            b.putFloat(i * Float.BYTES, (float) (lo + (hi - lo) * r.nextDouble()));
        }
    }

    /** FNV-1a of the parameter name, so each parameter's values do not depend on the others. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= c;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
