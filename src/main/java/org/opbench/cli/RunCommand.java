package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.problem.Layer;
import org.opbench.problem.Op;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opbench run}: one problem (or a few) on the chosen backends; prints the table, writes --out if given. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time one problem, e.g. run --op conv --shape mb1ic32ih112oc64oh112kh3ph1")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--op", required = true, paramLabel = "OP", description = "conv, fc, pool or softmax")
    String op;

    @Option(names = "--shape", required = true, paramLabel = "DESCRIPTOR",
            description = "benchdnn-style descriptor or CK shape string (repeatable)")
    List<String> shapes = new ArrayList<>();

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() throws Exception {
        Op parsed = Inputs.op(op);
        List<Layer> layers = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (String s : shapes) {
            layers.add(new Layer(Inputs.problem(parsed, s), "", 1));
            sets.add(parsed.id() + ":" + s);
        }
        return options.sweep(layers, sets, List.of(), false);
    }
}
