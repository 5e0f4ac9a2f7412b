package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opbench.problem.Layer;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemException;
import org.opbench.sweep.Planner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The axes of a sweep besides the problems. */
final class AxisOptions {
    @Option(names = {"-b", "--backends"}, paramLabel = "NAME[,NAME...]",
            description = "backends to time (default: every available one; see 'opbench list backends')")
    List<String> backends = new ArrayList<>();

    @Option(names = {"-a", "--algorithms"}, paramLabel = "NAME[,NAME...]",
            description = "algorithms: 'default' (each backend's default per operator), 'all', or names such as "
                    + "direct,gemm,winograd (default: default)")
    List<String> algorithms = new ArrayList<>();

    @Option(names = "--tuners", paramLabel = "NAME[,NAME...]",
            description = "tuner modes: 'default' (each backend's default), 'all' or names such as "
                    + "none,heuristic,rapid,exhaustive (default: default)")
    List<String> tuners = new ArrayList<>();

    @Mixin
    ThreadOptions threads;

    @Option(names = "--time-reference", description = "time the plain-Java reference too when --backends is not "
            + "given (by default it only runs as the oracle every point is checked against)")
    boolean timeReference;

    @Option(names = "--batch", paramLabel = "N[,N...]",
            description = "mini-batch sizes applied to every problem (default: the descriptors' mb, 1 when absent)")
    List<String> batch = new ArrayList<>();

    @Option(names = "--option", paramLabel = "BACKEND.KEY=VALUE",
            description = "a backend option, e.g. onnxruntime.profile=true (repeatable)")
    List<String> options = new ArrayList<>();

    @Option(names = "--dtype", paramLabel = "TYPE[,TYPE...]",
            description = "precisions to time every problem in: f32, bf16, f16, int8 (u8 activations, s8 weights with "
                    + "per-channel scales); a backend without the type says why (default: f32)")
    List<String> dtypes = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random inputs (default: 1)", defaultValue = "1")
    long seed;

    List<String> algorithmList() {
        List<String> a = Inputs.names("--algorithms", algorithms);
        return a.isEmpty() ? List.of(Planner.DEFAULT) : a;
    }

    List<String> tunerList() {
        List<String> t = Inputs.names("--tuners", tuners);
        return t.isEmpty() ? List.of(Planner.DEFAULT) : t;
    }

    /** Whether --threads was left out (the sweep then times each backend at all cores, or its most threads). */
    boolean threadsDefaulted() {
        return threads.threads.isEmpty();
    }

    /** The thread counts asked for, else all the cores this JVM may use. */
    List<Integer> threadList() {
        return threads.list(Runtime.getRuntime().availableProcessors());
    }

    List<Integer> batchList() {
        return Inputs.positiveInts("--batch", batch);
    }

    /** The precisions asked for, f32 when none. */
    List<Precision> dtypeList() {
        List<Precision> out = new ArrayList<>();
        for (String name : Inputs.names("--dtype", dtypes)) {
            try {
                out.add(Precision.parse(name));
            } catch (ProblemException e) {
                throw new UsageError("invalid value for --dtype: '" + Inputs.printable(name) + "' (known: "
                        + Precision.known() + ")");
            }
        }
        return out.isEmpty() ? List.of(Precision.F32) : out;
    }

    /** Every layer in every precision of {@code --dtype}, precision by precision. */
    List<Layer> inPrecisions(List<Layer> layers) {
        List<Precision> types = dtypeList();
        if (types.equals(List.of(Precision.F32))) {
            return layers;
        }
        List<Layer> out = new ArrayList<>();
        for (Precision t : types) {
            for (Layer l : layers) {
                out.add(new Layer(l.problem().withDtype(t), l.network(), l.repeat()));
            }
        }
        return out;
    }

    Map<String, String> optionMap() {
        return Inputs.backendOptions(options);
    }
}
