package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/** An operator of one kernel file without tiling variants, reading the source and writing a zeroed output. */
abstract class UntiledOp<P extends Problem> implements ClOperator {
    private final String file;
    protected final P p;
    protected ClBuffer src;
    protected ClBuffer dst;

    UntiledOp(String file, P p) {
        this.file = file;
        this.p = p;
    }

    @Override
    public final List<String> sources() {
        return List.of(file);
    }

    @Override
    public final List<Defines> variants() {
        return List.of(Defines.NONE);
    }

    @Override
    public final void setup(ClContext ctx, ProblemData data) throws BackendException {
        src = ctx.upload(data.src());
        dst = ctx.zeros(p.dstElements());
    }

    @Override
    public final ClBuffer output() {
        return dst;
    }
}
