package org.opbench.network.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.network.InputShapes;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.NetNode;
import org.opbench.network.ParamSpec;
import org.opbench.network.ShapeInference;

/**
 * Reads an ONNX file into a {@link NetGraph}: the one float image input ({@code N x C x H x W}, N fixed or free),
 * initializers and {@code Constant} nodes as parameters (dimensions only; small integer tensors with their values,
 * for Reshape targets), every other node as it is. The graph is then checked by {@link ShapeInference} at batch 1,
 * so a model opbench cannot follow fails here, with the file and the reason: not an ONNX protobuf, truncated,
 * no graph, an input that is no image, a node input that nothing defines (a missing initializer), or an operator
 * the layer reader does not know.
 */
public final class OnnxImport {
    /** Integer tensors up to this many elements keep their values (shapes, axes). */
    static final int MAX_INT_VALUES = 64;

    private OnnxImport() {
    }

    /** The model in {@code file}, with its own batch size (1 where the batch is free). */
    public static Imported read(Path file) {
        return read(file, InputShapes.NONE);
    }

    /**
     * The model in {@code file} with the free dimensions of its input set by {@code given} ({@code --input-shape},
     * {@code --dim}); the batch dimension stays the batch (free unless the file or {@code --input-shape} fixes it).
     */
    public static Imported read(Path file, InputShapes given) {
        String source = file.toString();
        ModelProto m = parse(file);
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new ModelException(source, "not an ONNX model: the protobuf has no graph with nodes"
                    + (m.getIrVersion() == 0 ? " (and no IR version)" : ""));
        }
        int opset = -1;
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < 0) {
            throw new ModelException(source, "the model imports no version of the default ONNX operator set");
        }
        GraphProto g = m.getGraph();
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            params.put(t.getName(), param(source, t));
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!params.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new ModelException(source, "opbench runs models with exactly one image input, this one has "
                    + inputs.size() + (inputs.isEmpty() ? "" : " (" + String.join(", ",
                    inputs.stream().map(ValueInfoProto::getName).toList()) + ")"));
        }
        ValueInfoProto input = inputs.get(0);
        for (String name : given.shapes().keySet()) {
            if (!name.equals(input.getName())) {
                throw new ModelException(source, "--input-shape names input '" + name + "', but the model's input is '"
                        + input.getName() + "'");
            }
        }
        long[] dims = imageDims(source, input, given);
        List<NetNode> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            String name = n.getName().isEmpty() ? (n.getOutputCount() > 0 ? n.getOutput(0) : "") : n.getName();
            String domain = n.getDomain();
            // an operator of another domain (com.microsoft's contrib operators) keeps its domain in its type, which
            // no shape rule has: its layer and those after it are read without a shape and a count
            boolean otherDomain = !domain.isEmpty() && !domain.equals("ai.onnx");
            String op = otherDomain ? domain + "." + n.getOpType() : n.getOpType();
            if (op.equals("Constant")) {
                ParamSpec c = n.getOutputCount() == 1 && n.getAttributeCount() == 1 ? constant(source, n.getAttribute(0))
                        : null;
                if (c != null) {
                    params.put(n.getOutput(0), c);
                    continue;
                }
                throw new ModelException(source, "node '" + name + "' (Constant): only constants given as value, "
                        + "value_int(s) or value_float(s) are supported");
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (AttributeProto a : n.getAttributeList()) {
                Object v = value(a);
                if (v != null) {
                    attrs.put(a.getName(), v);
                }
            }
            if (!seen.add(name)) {
                name = name + "#" + seen.size();
            }
            nodes.add(new NetNode(name, op, n.getInputList(), n.getOutputList(), attrs));
        }
        List<String> outputs = g.getOutputList().stream().map(ValueInfoProto::getName).toList();
        if (outputs.isEmpty()) {
            throw new ModelException(source, "the graph declares no output");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        NetGraph graph = new NetGraph(stem, input.getName(), new long[] {dims[1], dims[2], dims[3]}, nodes, outputs,
                params, opset);
        try {
            ShapeInference.infer(graph, dims[0] > 0 ? (int) dims[0] : 1, source); // throws what it cannot follow
        } catch (org.opbench.problem.ProblemException e) {
            throw new ModelException(source, e.getMessage());
        } catch (ModelException e) {
            if (given.isEmpty()) {
                throw e;
            }
            throw new ModelException(source, e.reason() + " (with input " + input.getName() + " "
                    + java.util.Arrays.toString(dims) + " from " + String.join(" ", given.flags()) + ")", e);
        }
        return new Imported(graph, dims[0] > 0 ? (int) dims[0] : 0, m.getIrVersion(), m.getProducerName());
    }

    /**
     * An imported model.
     *
     * @param graph     the graph
     * @param fileBatch the batch size the file fixes, or 0 when its batch dimension is free
     * @param irVersion the model's IR version
     * @param producer  the producer named in the file
     */
    public record Imported(NetGraph graph, int fileBatch, long irVersion, String producer) {
    }

    private static ModelProto parse(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ModelException(source, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new ModelException(source, "empty file");
            }
            if (size > Integer.MAX_VALUE) {
                throw new ModelException(source, "file is " + size + " bytes; one protobuf is limited to 2 GiB");
            }
            try (InputStream in = Files.newInputStream(file)) {
                CodedInputStream coded = CodedInputStream.newInstance(in);
                coded.setSizeLimit(Integer.MAX_VALUE);
                ModelProto m = ModelProto.parseFrom(coded);
                coded.checkLastTagWas(0);
                return m;
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(source, "not a valid ONNX protobuf (" + e.getMessage()
                    + "; a truncated download or a file of another format?)", e);
        } catch (IOException e) {
            throw new ModelException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private static long[] imageDims(String source, ValueInfoProto v, InputShapes given) {
        if (!v.getType().hasTensorType() || v.getType().getTensorType().getElemType()
                != TensorProto.DataType.FLOAT.getNumber()) {
            throw new ModelException(source, "input '" + v.getName() + "' is not a float tensor");
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        if (shape.getDimCount() != 4) {
            throw new ModelException(source, "input '" + v.getName() + "' has " + shape.getDimCount()
                    + " dimensions; opbench runs image models with an N x C x H x W input");
        }
        long[] user = given.shapes().get(v.getName());
        if (user != null && user.length != 4) {
            throw new ModelException(source, "--input-shape " + v.getName() + " gives " + user.length
                    + " dimensions, the model's input has 4 (N x C x H x W)");
        }
        java.util.Set<String> unusedDims = new java.util.TreeSet<>(given.dims().keySet());
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            unusedDims.remove(dim.getDimParam());
        }
        if (!unusedDims.isEmpty()) {
            throw new ModelException(source, "--dim " + String.join(", ", unusedDims) + ": input '" + v.getName()
                    + "' has no dimension of that name" + symbols(shape));
        }
        long[] d = new long[4];
        for (int i = 0; i < 4; i++) {
            TensorShapeProto.Dimension dim = shape.getDim(i);
            String symbol = dim.hasDimParam() ? dim.getDimParam() : "";
            Long bySymbol = symbol.isEmpty() ? null : given.dims().get(symbol);
            if (dim.hasDimValue() && dim.getDimValue() > Integer.MAX_VALUE) {
                throw new ModelException(source, "input '" + v.getName() + "' dimension " + i + " is "
                        + dim.getDimValue() + ", more than the " + Integer.MAX_VALUE + " a dimension can be");
            } else if (dim.hasDimValue() && dim.getDimValue() > 0) {
                d[i] = dim.getDimValue();
                if (user != null && user[i] != d[i]) {
                    throw new ModelException(source, "--input-shape " + v.getName() + " gives dimension " + i + " as "
                            + user[i] + ", the model fixes it to " + d[i]);
                }
            } else if (user != null) {
                d[i] = user[i];
                if (bySymbol != null && bySymbol != user[i]) {
                    throw new ModelException(source, "input '" + v.getName() + "' dimension " + i + " ('" + symbol
                            + "'): --input-shape gives " + user[i] + ", --dim " + symbol + "=" + bySymbol);
                }
            } else if (bySymbol != null) {
                d[i] = bySymbol;
            } else if (i == 0) {
                d[i] = 0; // free batch
            } else {
                throw new ModelException(source, "input '" + v.getName() + "' has a free dimension " + i
                        + (symbol.isEmpty() ? "" : " ('" + symbol + "')") + "; set it with --input-shape "
                        + v.getName() + ":" + example(shape) + (symbol.isEmpty() ? "" : " or --dim " + symbol + "=SIZE"));
            }
        }
        long elements = Math.max(d[0], 1) * d[1] * d[2] * d[3];
        if (d[1] > InputShapes.MAX_ELEMENTS || d[2] > InputShapes.MAX_ELEMENTS || elements > InputShapes.MAX_ELEMENTS
                || elements <= 0) {
            throw new ModelException(source, "input '" + v.getName() + "' would be " + java.util.Arrays.toString(d)
                    + ", more than one tensor can hold");
        }
        return d;
    }

    /** {@code 1x3xHxW}-style text of a shape: fixed sizes as they are, free ones by their symbol or a letter. */
    private static String example(TensorShapeProto shape) {
        String[] letters = {"N", "C", "H", "W"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape.getDimCount(); i++) {
            TensorShapeProto.Dimension dim = shape.getDim(i);
            parts.add(dim.hasDimValue() && dim.getDimValue() > 0 ? Long.toString(dim.getDimValue())
                    : i == 0 ? "1" : letters[Math.min(i, 3)]);
        }
        return String.join("x", parts);
    }

    private static String symbols(TensorShapeProto shape) {
        List<String> names = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            if (dim.hasDimParam() && !dim.getDimParam().isEmpty()) {
                names.add(dim.getDimParam());
            }
        }
        return names.isEmpty() ? " (it has no named dimensions)" : " (its named dimensions: " + String.join(", ", names)
                + ")";
    }

    private static ParamSpec param(String source, TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        for (long d : dims) {
            if (d < 0) {
                throw new ModelException(source, "initializer '" + t.getName() + "' has a negative dimension");
            }
        }
        long n;
        try {
            n = org.opbench.problem.Sizes.product("initializer '" + t.getName() + "'", dims);
        } catch (org.opbench.problem.ProblemException e) {
            throw new ModelException(source, e.getMessage());
        }
        int type = t.getDataType();
        if ((type == TensorProto.DataType.INT64.getNumber() || type == TensorProto.DataType.INT32.getNumber())
                && n <= MAX_INT_VALUES) {
            long[] values = new long[(int) n];
            boolean int64 = type == TensorProto.DataType.INT64.getNumber();
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                if (b.remaining() != n * (int64 ? 8 : 4)) {
                    throw new ModelException(source, "initializer '" + t.getName() + "' has " + b.remaining()
                            + " bytes of data for " + n + " values");
                }
                for (int i = 0; i < n; i++) {
                    values[i] = int64 ? b.getLong() : b.getInt();
                }
            } else if (int64 && t.getInt64DataCount() == n) {
                for (int i = 0; i < n; i++) {
                    values[i] = t.getInt64Data(i);
                }
            } else if (!int64 && t.getInt32DataCount() == n) {
                for (int i = 0; i < n; i++) {
                    values[i] = t.getInt32Data(i);
                }
            } else {
                values = null;
            }
            return new ParamSpec(dims, ParamSpec.Init.FILE, values, null);
        }
        if ((type == TensorProto.DataType.FLOAT.getNumber() || type == TensorProto.DataType.DOUBLE.getNumber())
                && n <= MAX_INT_VALUES && n > 0) { // Resize/Upsample scales
            return new ParamSpec(dims, ParamSpec.Init.FILE, null, floats(t, (int) n));
        }
        return new ParamSpec(dims, ParamSpec.Init.FILE, null, null);
    }

    /** The values of a small FLOAT or DOUBLE tensor, or null when its data is not stored in the file itself. */
    private static float[] floats(TensorProto t, int n) {
        boolean dbl = t.getDataType() == TensorProto.DataType.DOUBLE.getNumber();
        float[] values = new float[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() != n * (dbl ? 8 : 4)) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                values[i] = dbl ? (float) b.getDouble() : b.getFloat();
            }
            return values;
        }
        if (!dbl && t.getFloatDataCount() == n) {
            for (int i = 0; i < n; i++) {
                values[i] = t.getFloatData(i);
            }
            return values;
        }
        if (dbl && t.getDoubleDataCount() == n) {
            for (int i = 0; i < n; i++) {
                values[i] = (float) t.getDoubleData(i);
            }
            return values;
        }
        return null;
    }

    /** A Constant node's value ({@code value}, {@code value_int(s)}, {@code value_float(s)}), or null for another. */
    private static ParamSpec constant(String source, AttributeProto a) {
        switch (a.getName()) {
            case "value" -> {
                return a.hasT() ? param(source, a.getT()) : null;
            }
            case "value_int" -> {
                return new ParamSpec(new long[0], ParamSpec.Init.FILE, new long[] {a.getI()}, null);
            }
            case "value_ints" -> {
                long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                return new ParamSpec(new long[] {v.length}, ParamSpec.Init.FILE, v, null);
            }
            case "value_float" -> {
                return new ParamSpec(new long[0], ParamSpec.Init.FILE, null, new float[] {a.getF()});
            }
            case "value_floats" -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                return new ParamSpec(new long[] {f.length}, ParamSpec.Init.FILE, null, f);
            }
            default -> {
                return null;
            }
        }
    }

    private static Object value(AttributeProto a) {
        return switch (a.getType()) {
            case INT -> a.getI();
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case FLOAT -> a.getF();
            case FLOATS -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                yield f;
            }
            case STRING -> a.getS().toString(StandardCharsets.UTF_8);
            default -> null; // tensors, graphs: not used by the supported operators
        };
    }
}
