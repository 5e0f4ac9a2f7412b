package org.opbench.network.run;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opbench.network.ModelException;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.onnx.QdqQuantizer;
import org.opbench.network.ort.OrtQdq;
import org.opbench.network.spi.NetRequest;

/**
 * The model file a network is run from at one precision: the fp32 model itself, or its QDQ-quantised int8 copy
 * ({@link QdqQuantizer}, calibrated on ONNX Runtime), written once per fp32 model to
 * {@code <cache>/network/models/<name>-<digest>-int8q<version>.onnx}.
 *
 * @param dtype {@link NetRequest#F32} or {@link NetRequest#INT8}
 * @param file  the model file
 * @param bytes its size
 */
public record PrecisionModel(String dtype, Path file, long bytes) {
    /** The precisions a network can be run at, in the order {@code --dtype} lists them in messages. */
    public static final List<String> KNOWN = List.of(NetRequest.F32, NetRequest.INT8);

    /**
     * The precisions of {@code --dtype} tokens (comma-separated, repeatable; empty: f32), or an
     * {@link IllegalArgumentException} naming the token and the known ones.
     */
    public static List<String> parse(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (String item : tokens) {
            for (String t : item.split(",", -1)) {
                String s = t.strip();
                if (!KNOWN.contains(s)) {
                    String why = s.equals("bf16") || s.equals("f16")
                            ? " (network runs need a model of that type; opbench writes f32 and QDQ int8 models: "
                            + "ONNX Runtime's CPU provider runs an f16 model's convolutions in fp32 behind inserted "
                            + "Casts, docs/networks.md)" : "";
                    throw new IllegalArgumentException("invalid value for --dtype: '" + s + "'" + why + " (known: "
                            + String.join(", ", KNOWN) + ")");
                }
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out.isEmpty() ? List.of(NetRequest.F32) : out;
    }

    /** The model of {@code source} at {@code dtype}; an int8 model is quantised (and cached) when missing. */
    public static PrecisionModel of(ModelSource source, String dtype, long seed) {
        if (dtype.equals(NetRequest.F32)) {
            return new PrecisionModel(dtype, source.runFile(), size(source.runFile()));
        }
        Path fp32 = source.runFile();
        // built-ins: next to the fp32 export, whose digest includes the seed; files: beside their weightless copy
        Path file = source.builtin()
                ? fp32.toAbsolutePath().getParent().resolve(fp32.getFileName().toString()
                        .replaceFirst("\\.onnx$", "") + "-int8q" + QdqQuantizer.VERSION + ".onnx")
                : source.structureFile().toAbsolutePath().getParent().resolve(source.name()
                        .replaceFirst("\\.onnx$", "") + "-" + source.digest() + "-s" + seed + "-int8q"
                        + QdqQuantizer.VERSION + ".onnx");
        if (!Files.isRegularFile(file)) {
            ModelProto m = read(fp32, source.name());
            QdqQuantizer.Result r = QdqQuantizer.quantize(m, seed, OrtQdq.calibrator(
                    Math.max(1, Runtime.getRuntime().availableProcessors())));
            try {
                OnnxExport.write(r.model(), file);
            } catch (IOException e) {
                throw new ModelException(source.name(), "cannot write its int8 model to " + file + ": "
                        + e.getMessage());
            }
        }
        return new PrecisionModel(dtype, file, size(file));
    }

    static ModelProto read(Path file, String name) {
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream c = CodedInputStream.newInstance(in);
            c.setSizeLimit(Integer.MAX_VALUE);
            return ModelProto.parseFrom(c);
        } catch (IOException e) {
            throw new ModelException(name, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new ModelException(f.toString(), "cannot read its size: " + e.getMessage());
        }
    }
}
