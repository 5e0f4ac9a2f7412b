package org.opbench.backend.opencl.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.opbench.problem.Precision;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.opencl.OpenClBackend;
import org.opbench.backend.opencl.OpenClTestSupport;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.ClDevice;
import org.opbench.backend.opencl.cl.ClDevices;
import org.opbench.backend.opencl.cl.ProgramCache;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.ProblemData;

/**
 * Every tiling variant of both depthwise kernels (the tuner may pick any of them) against the reference, on
 * stride 1 and 2, padding, dilation, odd sizes and batch 2. Needs an OpenCL device; skipped with the reason where
 * there is none.
 */
class DepthwiseVariantsTest {
    @TempDir
    Path cache;

    @Test
    void everyVariantMatchesTheReference() throws Exception {
        OpenClTestSupport.ready(new OpenClBackend().probe());
        List<ClDevice> devices = ClDevices.list();
        List<ConvProblem> problems = List.of(
                ConvProblem.of(2, 8, 8, 9, 7, 8, 3, 3, 2, 2, 1, 1, ""),
                ConvProblem.of(1, 4, 4, 6, 21, 4, 3, 3, 1, 1, 1, 1, ""),
                new ConvProblem(Precision.F32, 1, 5, 5, 9, 10, 5, 7, 8, 3, 3, 1, 1, 1, 0, 1, 0, ""));
        int checked = 0;
        try (ClContext ctx = ClContext.create(devices.get(0), new ProgramCache(cache))) {
            for (ConvProblem p : problems) {
                ProblemData data = ProblemData.of(p, 3);
                float[] ref = Reference.compute(data);
                for (Defines v : new ConvDepthwise(p).variants()) {
                    ConvDepthwise op = new ConvDepthwise(p); // fresh buffers: no earlier variant's output remains
                    op.setup(ctx, data);
                    for (KernelSpec k : op.kernels(ctx, v)) {
                        ctx.runOnce(ctx.launch(k.kernel(), k.work(), null));
                    }
                    float[] out = new float[(int) p.dstElements()];
                    ctx.read(op.output(), out);
                    double err = Check.relativeError(out, ref);
                    assertTrue(err <= Tolerance.EXACT_ORDER, p + " " + op.impl(v) + ": rel_err " + err);
                    checked++;
                }
            }
        }
        assertTrue(checked > 10, "variants checked: " + checked);
    }
}
