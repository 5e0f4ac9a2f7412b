package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_scratchpad_md;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Transform;

/**
 * Assembles one {@link DnnlOp}: engine and stream, the primitive descriptor, inputs reordered from opbench's
 * canonical layouts into the layouts the primitive chose, a user scratchpad, the destination and the reorder
 * that brings it back. Closing a builder that did not {@link #finish} releases everything it created.
 */
final class Builder implements AutoCloseable {
    private final Resources res = new Resources();
    private final List<Integer> argKinds = new ArrayList<>();
    private final List<dnnl_memory> argMemories = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final dnnl_engine engine;
    private final dnnl_stream stream;
    private boolean finished;

    /** @param context facts recorded with every operator (threads, options), first in its details */
    Builder(Map<String, Object> context) throws BackendException {
        details.putAll(context);
        try {
            engine = Dnnl.engine(res);
            stream = Dnnl.stream(res, engine);
        } catch (BackendException | RuntimeException e) {
            res.close();
            throw e;
        }
    }

    dnnl_engine engine() {
        return engine;
    }

    /** An f32 descriptor in format {@code tag}. */
    dnnl_memory_desc md(long[] dims, int tag) throws BackendException {
        return Dnnl.md(res, dims, tag);
    }

    /** An f32 descriptor with format {@code any}: the primitive picks the layout. */
    dnnl_memory_desc any(long[] dims) throws BackendException {
        return Dnnl.md(res, dims, dnnl_format_tag_any);
    }

    /** The attribute every primitive is created with (user scratchpad). */
    dnnl_primitive_attr attr() throws BackendException {
        return Dnnl.userScratchpadAttr(res);
    }

    /** Takes ownership of a primitive descriptor that a {@code *_primitive_desc_create} call filled in. */
    dnnl_primitive_desc own(dnnl_primitive_desc pd) {
        return Dnnl.own(res, pd);
    }

    /** Records a fact for {@link DnnlOp#details()}. */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    /**
     * Binds {@code values}, given in layout {@code userTag} with {@code dims}, as argument {@code kind} in the
     * primitive's layout {@code pdMd}, reordering once here when the layouts differ.
     */
    void input(int kind, String name, dnnl_memory_desc pdMd, long[] dims, int userTag, float[] values)
            throws BackendException {
        dnnl_memory_desc userMd = md(dims, userTag);
        dnnl_memory memory;
        if (equal(pdMd, userMd)) {
            memory = Dnnl.wrap(res, engine, userMd, new FloatPointer(values));
        } else {
            memory = Dnnl.allocate(res, engine, pdMd);
            try (Resources tmp = new Resources()) {
                dnnl_memory user = Dnnl.wrap(tmp, engine, userMd, new FloatPointer(values));
                Dnnl.reorderNow(tmp, engine, stream, userMd, user, pdMd, memory);
            }
        }
        details.put(name + "_layout", Layouts.describe(pdMd));
        argKinds.add(kind);
        argMemories.add(memory);
    }

    /**
     * Creates the primitive for {@code pd}, its destination, scratchpad and the reorder of the destination to
     * {@code dstDims} in layout {@code userTag}; the builder's resources then belong to the returned operator.
     */
    DnnlOp finish(dnnl_primitive_desc pd, String what, long[] dstDims, int userTag, String algorithm,
                  Transform transform) throws BackendException {
        dnnl_memory_desc dstMd = dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
        if (dstMd == null || dstMd.isNull()) {
            throw new BackendException("oneDNN: " + what + " reports no destination descriptor");
        }
        int elements = Math.toIntExact(product(dstDims));
        dnnl_memory_desc userMd = md(dstDims, userTag);
        FloatPointer buffer = new FloatPointer(elements);
        DnnlOp.OutputPath out;
        dnnl_memory dst;
        if (equal(dstMd, userMd)) {
            dst = Dnnl.wrap(res, engine, userMd, buffer);
            out = new DnnlOp.OutputPath(null, null, buffer, elements);
        } else {
            dst = Dnnl.allocate(res, engine, dstMd);
            dnnl_memory user = Dnnl.wrap(res, engine, userMd, buffer);
            dnnl_primitive reorder = Dnnl.reorder(res, engine, dstMd, userMd);
            dnnl_exec_arg_t reorderArgs = Dnnl.args(res, new int[] {DNNL_ARG_FROM, DNNL_ARG_TO},
                    new dnnl_memory[] {dst, user});
            out = new DnnlOp.OutputPath(reorder, reorderArgs, buffer, elements);
        }
        details.put("dst_layout", Layouts.describe(dstMd));
        argKinds.add(DNNL_ARG_DST);
        argMemories.add(dst);

        dnnl_memory_desc scratchMd = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
        long scratchBytes = scratchMd == null || scratchMd.isNull() ? 0 : dnnl_memory_desc_get_size(scratchMd);
        if (scratchBytes > 0) {
            argKinds.add(DNNL_ARG_SCRATCHPAD);
            argMemories.add(Dnnl.allocate(res, engine, scratchMd));
        }
        details.put("scratchpad_bytes", scratchBytes);

        dnnl_primitive primitive = Dnnl.primitive(res, pd, what);
        int[] kinds = argKinds.stream().mapToInt(Integer::intValue).toArray();
        dnnl_exec_arg_t args = Dnnl.args(res, kinds, argMemories.toArray(new dnnl_memory[0]));
        Execution execution = new Execution(algorithm, Dnnl.implInfo(pd), DnnlPrecision.numerics(), transform);
        DnnlOp op = new DnnlOp(res, stream, primitive, args, kinds.length, "dnnl_primitive_execute(" + what + ")",
                out, execution, details);
        finished = true;
        return op;
    }

    private static boolean equal(dnnl_memory_desc a, dnnl_memory_desc b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public void close() {
        if (!finished) {
            res.close();
        }
    }
}
