package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.ShapeSetText;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.onnx.OnnxImport;
import org.opbench.network.onnx.QdqQuantizer;
import org.opbench.network.ort.OrtNetworkBackend;
import org.opbench.network.ort.OrtQdq;
import org.opbench.network.run.PrecisionModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opbench export}: a built-in network as ONNX (seeded weights) so other tools can run the very same model,
 * or any network's shape set. {@code opbench export all --format shapes --out tensors/} rewrites the built-in
 * shape sets from their definitions.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a built-in network as an ONNX model (weights: seeded random values), or a network's "
                + "conv/fc/pool layers as a shape set (the format of tensors/*.txt).",
                "NAME is a built-in network (opbench list networks), 'all' (shape sets only), or an ONNX file "
                        + "(shape sets only)."})
final class ExportCommand implements Callable<Integer> {
    enum Kind { onnx, shapes }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|all|FILE.onnx")
    String name;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE|DIR",
            description = "output file (a folder for 'all'); shape sets go to standard output without it")
    Path out;

    @Option(names = "--force", description = "overwrite an existing --out (never the model read)")
    boolean force;

    @Option(names = "--format", defaultValue = "onnx", description = "onnx or shapes (default: ${DEFAULT-VALUE})")
    Kind format;

    @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|int8",
            description = "precision of the ONNX model: f32, or int8 (QDQ: per-channel int8 weights, uint8 activations "
                    + "calibrated on seeded random images with ONNX Runtime; docs/networks.md) (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "seed of the weights (default: ${DEFAULT-VALUE}; opbench network uses the same default)")
    long seed;

    @CommandLine.Mixin
    InputShapeOptions inputShapes = new InputShapeOptions();

    @Override
    public Integer call() throws IOException {
        org.opbench.network.InputShapes given = inputShapes.shapes();
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null && !name.equals("all")) {
            OutputFiles.check("--out", out, force, ResultSession.files(List.of(name)));
        }
        List<String> precision;
        try {
            precision = PrecisionModel.parse(List.of(dtype));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (precision.size() != 1) {
            throw new UsageError("export writes one model: give one --dtype, not " + dtype);
        }
        boolean int8 = precision.get(0).equals("int8");
        if (int8 && format != Kind.onnx) {
            throw new UsageError("--dtype int8 applies to ONNX models (--format onnx), not to shape sets");
        }
        if (name.equals("all")) {
            if (format != Kind.shapes || out == null) {
                throw new UsageError("'export all' writes shape sets: give --format shapes --out DIR");
            }
            Files.createDirectories(out);
            for (BuiltinNetwork n : Networks.all()) {
                Path f = out.resolve(n.name() + ".txt");
                Files.writeString(f, n.shapeSetFile());
                stdout.println("wrote " + f);
            }
            stdout.flush();
            return 0;
        }
        BuiltinNetwork builtin = Networks.get(name);
        if (format == Kind.onnx) {
            if (builtin == null) {
                throw new UsageError("unknown built-in network '" + name + "' (known: "
                        + String.join(", ", Networks.names()) + ")");
            }
            if (out == null) {
                throw new UsageError("export to ONNX needs --out FILE.onnx");
            }
            NetGraph g = builtin.build();
            if (int8) {
                writeInt8(g, stdout);
                return 0;
            }
            OnnxExport.write(g, seed, out);
            stdout.printf("wrote %s (%s, %d nodes, %.2f M parameters, seed %d, input %s [N,%d,%d,%d], output %s)%n",
                    out, g.name(), g.nodes().size(), g.parameterCount() / 1e6, seed, g.input(), g.inputDims()[0],
                    g.inputDims()[1], g.inputDims()[2], String.join(",", g.outputs()));
            stdout.flush();
            return 0;
        }
        String text;
        if (builtin != null) {
            if (!given.isEmpty()) {
                throw new UsageError("--input-shape and --dim apply to ONNX files; '" + name + "' is a built-in network");
            }
            text = builtin.shapeSetFile();
        } else {
            try {
                Path file = Path.of(name);
                NetGraph g = OnnxImport.read(file, given).graph();
                NetLayers layers = ShapeInference.infer(g, 1, name);
                long[] in = g.inputDims();
                StringBuilder b = new StringBuilder("# Layers of " + file.getFileName() + " at batch 1, read by opbench "
                        + "export from the ONNX graph" + (given.isEmpty() ? "" : " with " + String.join(" ",
                        given.flags())) + ".\n@network " + g.name() + "\n@input " + in[0] + "x" + in[1] + "x"
                        + in[2] + "\n");
                List<ShapeSetText.Line> lines = ShapeSetText.lines(layers);
                b.append(ShapeSetText.coverage(layers)).append("\n");
                lines.forEach(l -> b.append(l.text()).append('\n'));
                text = b.toString();
            } catch (ModelException e) {
                throw new UsageError("cannot export " + name + ": " + e.getMessage());
            }
        }
        if (out == null) {
            stdout.print(text);
        } else {
            String content = text;
            OutputFiles.replace("--out", out, w -> w.write(content));
            stdout.println("wrote " + out);
        }
        stdout.flush();
        return 0;
    }

    /** The QDQ int8 model of {@code g}, calibrated on ONNX Runtime, with what ORT's CPU provider makes of it. */
    private void writeInt8(NetGraph g, PrintWriter stdout) throws IOException {
        org.opbench.spi.Availability ort = new OrtNetworkBackend().probe();
        if (!ort.available()) {
            throw new UsageError("--dtype int8 calibrates on ONNX Runtime, which is unavailable here: " + ort.reason());
        }
        QdqQuantizer.Result r;
        Map<String, Integer> ops;
        long fp32Bytes;
        try {
            ai.onnx.proto.OnnxMl.ModelProto fp32 = OnnxExport.model(g, seed);
            fp32Bytes = fp32.getSerializedSize();
            r = QdqQuantizer.quantize(fp32, seed,
                    OrtQdq.calibrator(Math.max(1, Runtime.getRuntime().availableProcessors())));
            OnnxExport.write(r.model(), out);
            ops = OrtQdq.optimizedOps(out, ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT,
                    org.opbench.env.OpbenchHome.cacheDir().resolve("network").resolve("optimized"));
        } catch (ModelException e) {
            throw new UsageError("cannot export " + name + " as int8: " + e.getMessage());
        }
        QdqQuantizer.Summary s = r.summary();
        stdout.printf("wrote %s (%s, QDQ int8: %d weights per-channel int8, %d activations uint8 calibrated on %d seeded "
                        + "random images, %d batch norms folded; %d bytes, fp32 %d bytes; seed %d)%n", out, g.name(),
                s.weights(), s.activations(), s.foldedBatchNorms(), QdqQuantizer.CALIBRATION_IMAGES, s.bytes(),
                fp32Bytes, seed);
        stdout.printf("onnxruntime CPU (all optimisations) runs %d integer kernels: %s%n", OrtQdq.integerKernels(ops),
                ops);
        stdout.flush();
    }
}
