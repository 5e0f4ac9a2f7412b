package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_SCALES;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_ZERO_POINTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_scales_mask;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_zero_points_mask;
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
import org.bytedeco.javacpp.Pointer;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Quantization;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Transform;

/**
 * Assembles one {@link DnnlOp}: engine and stream, the primitive descriptor, inputs reordered from opbench's
 * canonical layouts into the layouts the primitive chose, a user scratchpad, the destination and the reorder
 * that brings it back. Tensors take the types of the problem's {@link Precision}; an int8 builder also binds the
 * scales and zero points of its {@link Quantization} ({@link #quantizedAttr}). Closing a builder that did not
 * {@link #finish} releases everything it created.
 */
final class Builder implements AutoCloseable {
    private final Resources res = new Resources();
    private final List<Integer> argKinds = new ArrayList<>();
    private final List<dnnl_memory> argMemories = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final dnnl_engine engine;
    private final dnnl_stream stream;
    private final Precision precision;
    private final Quantization quant;
    private boolean finished;

    /**
     * @param context   facts recorded with every operator (threads, options), first in its details
     * @param precision the tensors' types
     * @param quant     the int8 scales and zero points (null unless {@code precision} is int8)
     */
    Builder(Map<String, Object> context, Precision precision, Quantization quant) throws BackendException {
        if (precision.quantized() != (quant != null)) {
            throw new IllegalArgumentException("an int8 builder needs a quantisation, others none");
        }
        this.precision = precision;
        this.quant = quant;
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

    /** A descriptor of element type {@code type} in format {@code tag}. */
    dnnl_memory_desc md(long[] dims, DataType type, int tag) throws BackendException {
        return Dnnl.md(res, dims, Buffers.dnnlType(type), tag);
    }

    /** An f32 descriptor with format {@code any}: the primitive picks the layout. */
    dnnl_memory_desc any(long[] dims) throws BackendException {
        return Dnnl.md(res, dims, dnnl_format_tag_any);
    }

    /** A descriptor of element type {@code type} with format {@code any}. */
    dnnl_memory_desc any(long[] dims, DataType type) throws BackendException {
        return Dnnl.md(res, dims, Buffers.dnnlType(type), dnnl_format_tag_any);
    }

    /** The attribute every primitive is created with (user scratchpad). */
    dnnl_primitive_attr attr() throws BackendException {
        return Dnnl.userScratchpadAttr(res);
    }

    /**
     * The attribute of an int8 convolution or inner product (oneDNN v3 quantisation): a per-tensor scale and zero
     * point on the source and the destination, per-channel weight scales over the weight dimensions in
     * {@code weightsMask} (bit 0 = the output channels; bits 0 and 1 = groups and output channels of grouped
     * weights), and binds their values as {@code DNNL_ARG_ATTR_SCALES | arg} and
     * {@code DNNL_ARG_ATTR_ZERO_POINTS | arg}. oneDNN then computes
     * {@code dst = saturate_u8(round((src_scale wei_scale[oc] sum((src - src_zero) wei) + bias) / dst_scale) + dst_zero)}
     * with an f32 bias, opbench's requantisation rule.
     */
    dnnl_primitive_attr quantizedAttr(int weightsMask) throws BackendException {
        dnnl_primitive_attr attr = attr();
        DnnlStatus.check(dnnl_primitive_attr_set_scales_mask(attr, DNNL_ARG_SRC, 0), "dnnl_primitive_attr_set_scales_mask(src)");
        DnnlStatus.check(dnnl_primitive_attr_set_zero_points_mask(attr, DNNL_ARG_SRC, 0),
                "dnnl_primitive_attr_set_zero_points_mask(src)");
        DnnlStatus.check(dnnl_primitive_attr_set_scales_mask(attr, DNNL_ARG_WEIGHTS, weightsMask),
                "dnnl_primitive_attr_set_scales_mask(weights)");
        DnnlStatus.check(dnnl_primitive_attr_set_scales_mask(attr, DNNL_ARG_DST, 0), "dnnl_primitive_attr_set_scales_mask(dst)");
        DnnlStatus.check(dnnl_primitive_attr_set_zero_points_mask(attr, DNNL_ARG_DST, 0),
                "dnnl_primitive_attr_set_zero_points_mask(dst)");
        bind(DNNL_ARG_ATTR_SCALES | DNNL_ARG_SRC, DataType.F32, Buffers.floats(DataType.F32, new float[] {quant.srcScale()}), 1);
        bind(DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC, DataType.S32, Buffers.s32(quant.srcZero()), 1);
        float[] w = quant.weightScales();
        bind(DNNL_ARG_ATTR_SCALES | DNNL_ARG_WEIGHTS, DataType.F32, Buffers.floats(DataType.F32, w), w.length);
        bind(DNNL_ARG_ATTR_SCALES | DNNL_ARG_DST, DataType.F32, Buffers.floats(DataType.F32, new float[] {quant.dstScale()}), 1);
        bind(DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_DST, DataType.S32, Buffers.s32(quant.dstZero()), 1);
        details.put("src_scale", quant.srcScale());
        details.put("src_zero_point", quant.srcZero());
        details.put("weights_scale_mask", weightsMask);
        details.put("dst_scale", quant.dstScale());
        details.put("dst_zero_point", quant.dstZero());
        return attr;
    }

    /** Binds a one-dimensional {@code values} buffer of {@code n} elements as argument {@code kind}. */
    private void bind(int kind, DataType type, Pointer values, long n) throws BackendException {
        dnnl_memory_desc md = md(new long[] {n}, type, dnnl_a);
        argKinds.add(kind);
        argMemories.add(Dnnl.wrap(res, engine, md, values));
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
        input(kind, name, pdMd, dims, userTag, DataType.F32, Buffers.floats(DataType.F32, values));
    }

    /**
     * Binds {@code values}, elements of {@code type} in layout {@code userTag}, as argument {@code kind} in the
     * primitive's layout {@code pdMd} (same type), reordering once here when the layouts differ; the builder frees
     * {@code values}.
     */
    void input(int kind, String name, dnnl_memory_desc pdMd, long[] dims, int userTag, DataType type, Pointer values)
            throws BackendException {
        dnnl_memory_desc userMd = md(dims, type, userTag);
        dnnl_memory memory;
        if (equal(pdMd, userMd)) {
            memory = Dnnl.wrap(res, engine, userMd, values);
        } else {
            memory = Dnnl.allocate(res, engine, pdMd);
            try (Resources tmp = new Resources()) {
                dnnl_memory user = Dnnl.wrap(tmp, engine, userMd, values);
                Dnnl.reorderNow(tmp, engine, stream, userMd, user, pdMd, memory);
            }
        }
        details.put(name + "_layout", Layouts.describe(pdMd));
        long bytes = dnnl_memory_desc_get_size(pdMd);
        if (bytes != dnnl_memory_desc_get_size(userMd)) { // padding of blocked layouts, or int8 compensation terms
            details.put(name + "_bytes", bytes);
        }
        argKinds.add(kind);
        argMemories.add(memory);
    }

    /**
     * Creates the primitive for {@code pd}, its destination, scratchpad and the reorder of the destination to
     * {@code dstDims} in layout {@code userTag}; the builder's resources then belong to the returned operator, which
     * states the numerics of {@code op} in the builder's precision ({@link DnnlPrecision#numerics(Precision, Op)}).
     */
    DnnlOp finish(dnnl_primitive_desc pd, String what, long[] dstDims, int userTag, String algorithm,
                  Transform transform, Op op) throws BackendException {
        dnnl_memory_desc dstMd = dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
        if (dstMd == null || dstMd.isNull()) {
            throw new BackendException("oneDNN: " + what + " reports no destination descriptor");
        }
        int elements = Math.toIntExact(product(dstDims));
        DataType dstType = precision.dst();
        dnnl_memory_desc userMd = md(dstDims, dstType, userTag);
        Pointer buffer = Buffers.allocate(dstType, elements);
        DnnlOp.OutputPath out;
        dnnl_memory dst;
        if (equal(dstMd, userMd)) {
            dst = Dnnl.wrap(res, engine, userMd, buffer);
            out = new DnnlOp.OutputPath(null, null, buffer, elements, dstType, quant);
        } else {
            dst = Dnnl.allocate(res, engine, dstMd);
            dnnl_memory user = Dnnl.wrap(res, engine, userMd, buffer);
            dnnl_primitive reorder = Dnnl.reorder(res, engine, dstMd, userMd);
            dnnl_exec_arg_t reorderArgs = Dnnl.args(res, new int[] {DNNL_ARG_FROM, DNNL_ARG_TO},
                    new dnnl_memory[] {dst, user});
            out = new DnnlOp.OutputPath(reorder, reorderArgs, buffer, elements, dstType, quant);
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
        Execution execution = new Execution(algorithm, Dnnl.implInfo(pd), DnnlPrecision.numerics(precision, op),
                transform);
        DnnlOp prepared = new DnnlOp(res, stream, primitive, args, kinds.length,
                "dnnl_primitive_execute(" + what + ")", out, execution, details);
        finished = true;
        return prepared;
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
