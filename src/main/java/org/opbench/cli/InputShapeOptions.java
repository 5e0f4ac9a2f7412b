package org.opbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.opbench.network.InputShapes;
import picocli.CommandLine.Option;

/** {@code --input-shape} and {@code --dim}: the free dimensions of a user's ONNX model (network, export, sweep). */
final class InputShapeOptions {
    @Option(names = "--input-shape", paramLabel = "NAME:DxDxDxD",
            description = "shape of a model input with free dimensions, batch first, e.g. images:1x3x640x640 "
                    + "(repeatable)")
    List<String> inputShapes = new ArrayList<>();

    @Option(names = "--dim", paramLabel = "SYMBOL=SIZE",
            description = "size of a named (symbolic) input dimension, e.g. p2o.DynamicDimension.1=640 (repeatable)")
    List<String> dims = new ArrayList<>();

    /** The parsed shapes; a malformed value is a usage error naming the flag. */
    InputShapes shapes() {
        try {
            return InputShapes.parse(inputShapes, dims);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
