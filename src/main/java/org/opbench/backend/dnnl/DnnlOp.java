package org.opbench.backend.dnnl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Pointer;
import org.opbench.problem.DataType;
import org.opbench.problem.Quantization;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;

/**
 * A oneDNN primitive ready to execute: its arguments are bound in {@link Builder#finish}, so {@link #run()}
 * is one {@code dnnl_primitive_execute} plus {@code dnnl_stream_wait} and allocates nothing. The destination
 * is reordered to opbench's canonical layout, and converted to floats, only in {@link #output()}.
 */
final class DnnlOp extends BasePreparedOp {
    private final Resources resources;
    private final dnnl_stream stream;
    private final dnnl_primitive primitive;
    private final dnnl_exec_arg_t args;
    private final int nargs;
    private final String executeCall;
    private final OutputPath output;

    /**
     * How the destination reaches a canonical-layout buffer: {@code reorder} (null when the primitive already
     * writes the canonical layout) copies it into {@code buffer}, of element type {@code type}; int8 levels read
     * back as their real values under {@code quant} (null for floating-point types).
     */
    record OutputPath(dnnl_primitive reorder, dnnl_exec_arg_t reorderArgs, Pointer buffer, int elements,
                      DataType type, Quantization quant) {
    }

    DnnlOp(Resources resources, dnnl_stream stream, dnnl_primitive primitive, dnnl_exec_arg_t args, int nargs,
           String executeCall, OutputPath output, Execution execution, Map<String, Object> details) {
        super(execution, new LinkedHashMap<>(details));
        this.resources = resources;
        this.stream = stream;
        this.primitive = primitive;
        this.args = args;
        this.nargs = nargs;
        this.executeCall = executeCall;
        this.output = output;
    }

    @Override
    public void run() throws BackendException {
        checkOpen();
        Dnnl.execute(primitive, stream, nargs, args, executeCall);
    }

    @Override
    public float[] output() throws BackendException {
        checkOpen();
        if (output.reorder() != null) {
            Dnnl.execute(output.reorder(), stream, 2, output.reorderArgs(), "dnnl_primitive_execute(reorder dst)");
        }
        return Buffers.read(output.type(), output.buffer(), output.elements(), output.quant());
    }

    @Override
    public void close() {
        resources.close();
    }

    private void checkOpen() {
        if (resources.closed()) {
            throw new IllegalStateException("dnnl operator already closed");
        }
    }
}
