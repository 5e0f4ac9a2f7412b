package org.opbench.backend.onnxruntime;

import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;

/** Child process of {@link OrtFilesTest}: what a worker does with the backend, in the worker's environment. */
public final class OrtFilesWorker {
    private OrtFilesWorker() {
    }

    public static void main(String[] args) throws Exception {
        OnnxRuntimeBackend backend = new OnnxRuntimeBackend();
        Availability a = backend.probe();
        if (!a.available()) {
            throw new IllegalStateException(a.reason());
        }
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic100");
        Variant v = new Variant("cpu-all", "none", 1, java.util.Map.of("profile", "true"));
        try (PreparedOp op = backend.prepare(p, v, ProblemData.of(p, 1))) {
            op.run();
            System.out.println(op.details().get("ort_profile_file"));
        }
    }
}
