package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.opbench.problem.Layer;
import org.opbench.problem.Op;
import org.opbench.problem.ShapeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opbench sweep}: the main job. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time every layer of shape sets on every backend, algorithm, tuner, thread count and batch.",
                "With no arguments: the layers of mobilenet-v1-1.0-224 on every available backend, written to a new "
                        + "file under results/."})
final class SweepCommand implements Callable<Integer> {
    static final String DEFAULT_SET = "mobilenet-v1-1.0-224";

    @Option(names = "--tensors", paramLabel = "SET|FILE", description = "shape sets by name (see 'opbench list "
            + "tensors') or file (repeatable; default: " + DEFAULT_SET + ")")
    List<String> tensors = new ArrayList<>();

    @Option(names = "--op", paramLabel = "OP[,OP...]", description = "only these operators (conv, fc, pool, softmax); "
            + "with --shape, the operator of the shapes")
    List<String> ops = new ArrayList<>();

    @Option(names = "--shape", paramLabel = "DESCRIPTOR", description = "a problem descriptor (with --op; repeatable)")
    List<String> shapes = new ArrayList<>();

    @Mixin
    SweepOptions options;

    @Mixin
    InputShapeOptions inputShapes = new InputShapeOptions();

    @Override
    public Integer call() throws Exception {
        Set<Op> opFilter = Inputs.names("--op", ops).stream().map(Inputs::op).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        List<Layer> layers = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        if (!shapes.isEmpty()) {
            if (opFilter.size() != 1) {
                throw new UsageError("--shape needs exactly one --op (conv, fc, pool or softmax)");
            }
            Op op = opFilter.iterator().next();
            for (String s : shapes) {
                layers.add(new Layer(Inputs.problem(op, s), "", 1));
                sets.add(op.id() + ":" + s);
            }
        }
        List<String> setNames = tensors.isEmpty() && shapes.isEmpty() ? List.of(DEFAULT_SET) : Inputs.names("--tensors", tensors);
        org.opbench.network.InputShapes given = inputShapes.shapes();
        boolean anyModel = false;
        for (String name : setNames) {
            boolean model = name.endsWith(".onnx");
            anyModel |= model;
            ShapeSet set = model ? modelLayers(name, given) : Inputs.shapeSet(name);
            sets.add(set.name());
            for (Layer l : set.layers()) {
                if (opFilter.isEmpty() || opFilter.contains(l.problem().op()) || !shapes.isEmpty()) {
                    layers.add(l);
                }
            }
        }
        if (!given.isEmpty() && !anyModel) {
            throw new UsageError("--input-shape and --dim apply to ONNX files given with --tensors FILE.onnx");
        }
        if (layers.isEmpty()) {
            throw new UsageError("no layers to sweep (the --op filter leaves none)");
        }
        return options.sweep(layers, sets, ResultSession.files(Inputs.names(tensors)), true);
    }

    /**
     * The conv, fc and pool layers of an ONNX model at batch 1, identical ones collapsed with their repeat count
     * (what {@code export FILE.onnx --format shapes} writes).
     */
    static ShapeSet modelLayers(String file, org.opbench.network.InputShapes given) {
        try {
            org.opbench.network.NetGraph g = org.opbench.network.onnx.OnnxImport.read(java.nio.file.Path.of(file), given)
                    .graph();
            org.opbench.network.NetLayers layers = org.opbench.network.ShapeInference.infer(g, 1, file);
            return new ShapeSet(g.name(), g.name(), Double.NaN, ShapeSet.DEFAULT_TOLERANCE, "",
                    org.opbench.network.ShapeSetText.layers(layers));
        } catch (org.opbench.network.ModelException e) {
            throw new UsageError("--tensors " + file + ": " + e.getMessage());
        }
    }
}
