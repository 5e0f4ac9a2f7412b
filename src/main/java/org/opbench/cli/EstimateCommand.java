package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opbench.analysis.Points;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.ShapeInference;
import org.opbench.network.ShapeSetText;
import org.opbench.network.estimate.Estimator;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxImport;
import org.opbench.problem.InputFileException;
import org.opbench.problem.Layer;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench estimate}: a network's time predicted from operator points, against measured network time. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict a network's time per batch from operator-sweep results: the sum over its conv, fc "
                + "and pool layers of the median time x repeat count, per backend and algorithm, per backend with "
                + "its best algorithm per layer, and with the best backend and algorithm per layer.",
                "Network records in the same files (opbench network) of the same model, batch and threads are "
                        + "shown as measured, with the error of the prediction."})
final class EstimateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.jsonl", description = "sweep and network result files")
    List<Path> files;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME|FILE",
            description = "a built-in network or an ONNX file")
    String model;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "batch size (default: 1)")
    int batch;

    @CommandLine.Mixin
    InputShapeOptions inputShapes = new InputShapeOptions();

    @Option(names = "--layers", description = "also list the chosen point of every layer for the best-per-layer rows")
    boolean showLayers;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UsageError("--batch must be positive");
        }
        NetGraph g;
        String name;
        BuiltinNetwork b = Networks.get(model);
        org.opbench.network.InputShapes given = inputShapes.shapes();
        if (b != null && !given.isEmpty()) {
            throw new UsageError("--input-shape and --dim apply to ONNX files; '" + model + "' is a built-in network");
        }
        try {
            if (b != null) {
                g = b.build();
                name = b.name();
            } else {
                Path p = Path.of(model);
                g = OnnxImport.read(p, given).graph();
                name = p.getFileName().toString();
            }
        } catch (ModelException e) {
            throw new UsageError("cannot use --model: " + e.getMessage());
        }
        org.opbench.network.NetLayers netLayers = ShapeInference.infer(g, batch, name);
        List<Layer> layers = ShapeSetText.layers(netLayers);
        List<PointRecord> points = new ArrayList<>();
        List<NetworkRecord> networks = new ArrayList<>();
        List<org.opbench.result.LayerRecord> layerRecords = new ArrayList<>();
        for (Path f : files) {
            try {
                ResultFile r = ResultReader.read(f);
                points.addAll(r.points());
                networks.addAll(r.networks());
                layerRecords.addAll(r.layers());
            } catch (InputFileException e) {
                throw new UsageError("cannot read results: " + e.getMessage());
            }
        }
        // one estimate per precision: an int8 point never stands in for the f32 point of the same layer
        Map<String, List<PointRecord>> byDtype = new LinkedHashMap<>();
        points.forEach(p -> byDtype.computeIfAbsent(Points.dtype(p), k -> new ArrayList<>()).add(p));
        byDtype.putIfAbsent(Points.F32, List.of());
        PrintWriter out = spec.commandLine().getOut();
        boolean any = false;
        for (Map.Entry<String, List<PointRecord>> e : byDtype.entrySet()) {
            String dtype = e.getKey();
            boolean f32 = Points.F32.equals(dtype);
            // each prediction is compared with the network runs of its own precision (records without one are f32)
            List<NetworkRecord> sameType = networks.stream().filter(n -> n.dtypeOrF32().equals(dtype)).toList();
            List<Estimator.Estimate> rows = Estimator.estimate(name, batch, layers, e.getValue(), sameType);
            if (rows.isEmpty()) {
                continue;
            }
            if (byDtype.size() > 1) {
                out.println();
                out.println("== " + dtype + (f32 || !sameType.isEmpty() ? "" : " (no network run of this precision "
                        + "beside this prediction)") + " ==");
            }
            any = true;
            print(out, name, layers, rows);
            printCoverage(out, name, netLayers, sameType, layerRecords);
        }
        if (!any) {
            out.println("no ok operator points in " + files + " (run 'opbench sweep --tensors " + name
                    + " --batch " + batch + "' first)");
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String name, List<Layer> layers, List<Estimator.Estimate> rows) {
        out.printf(Locale.ROOT, "%s at batch %d: %d distinct conv/fc/pool layers (%d with repeats)%n", name, batch,
                layers.size(), layers.stream().mapToInt(Layer::repeat).sum());
        Table t = new Table(List.of("threads", "backend", "algorithm", "covered", "predicted", "measured", "error"),
                true, false, false, true, true, true, true);
        for (Estimator.Estimate e : rows) {
            t.row(List.of(Integer.toString(e.threads()), e.backend(), e.algorithm(), e.covered() + "/" + e.total(),
                    (e.covered() < e.total() ? ">= " : "") + Format.time(e.predictedUs()),
                    e.measuredUs() == null ? "-" : Format.time(e.measuredUs())
                            + (e.backend().equals(Estimator.BEST) || e.algorithm().equals(Estimator.BEST)
                            ? " (" + e.measuredWhat() + ")" : ""),
                    e.error() == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * e.error())));
        }
        t.print(out);
        out.println("predicted = sum of conv/fc/pool layer medians x repeat; activations, batch norm, concat and add "
                + "are not in operator sweeps, which is part of the error.");
        if (showLayers) {
            for (Estimator.Estimate e : rows) {
                if (!e.backend().equals(Estimator.BEST)) {
                    continue;
                }
                out.println();
                out.println("best per layer, " + e.threads() + " thread(s):");
                Table l = new Table(List.of("layer", "repeat", "backend", "algorithm", "time", "x repeat"),
                        false, true, false, false, true, true);
                for (Estimator.Choice c : e.choices()) {
                    l.row(List.of(c.layer().name(), Integer.toString(c.layer().repeat()),
                            c.backend() == null ? "-" : c.backend(), c.algorithm() == null ? "-" : c.algorithm(),
                            c.timeUs() == null ? "missing" : Format.time(c.timeUs()),
                            c.timeUs() == null ? "-" : Format.time(c.timeUs() * c.layer().repeat())));
                }
                l.print(out);
            }
        }
    }

    /**
     * What the prediction can cover: the share of the counted operations in conv/fc/pool layers, and per measured
     * network the share of its profiled time that conv/fc/pool kernels took (the rest, element-wise and resize work,
     * is not in operator sweeps).
     */
    private static void printCoverage(PrintWriter out, String name, org.opbench.network.NetLayers netLayers,
                                      List<NetworkRecord> networks, List<org.opbench.result.LayerRecord> layerRecords) {
        long swept = 0;
        for (org.opbench.network.NetLayer l : netLayers.layers()) {
            if (l.problem() != null && Estimator.SWEPT_OPS.contains(l.problem().op().id())) {
                swept += l.problem().flops();
            }
        }
        long total = netLayers.flops();
        out.printf(Locale.ROOT, "conv/fc/pool layers: %.1f%% of the network's %.3f counted GFLOPs per batch%s%n",
                total > 0 ? 100.0 * swept / total : 0, total / 1e9,
                netLayers.flopsCaveat() == null ? "" : " (" + netLayers.flopsCaveat() + ")");
        for (Estimator.Coverage c : Estimator.coverage(name, netLayers.batch(), networks, layerRecords)) {
            NetworkRecord n = c.network();
            out.printf(Locale.ROOT, "conv/fc/pool kernels: %.1f%% of the profiled time of %s %s t%d (%d kernels); "
                    + "the other %.1f%% (element-wise, resize, layout) is not in operator sweeps%n", 100 * c.share(),
                    n.backend(), n.algorithm(), n.threads(), c.kernels(), 100 * (1 - c.share()));
        }
    }
}
