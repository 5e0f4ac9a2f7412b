package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_create_with_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_scratchpad_mode;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_impl_info_str;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_scratchpad_mode_user;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.opbench.spi.BackendException;

/**
 * Thin helpers over oneDNN's C API: every handle they create is registered with the given {@link Resources}
 * and every status goes through {@link DnnlStatus#check}.
 */
final class Dnnl {
    private Dnnl() {
    }

    /** oneDNN's {@code DNNL_MEMORY_ALLOCATE}: the library allocates (and aligns) the buffer itself. */
    private static final class LibraryAllocated extends Pointer {
        LibraryAllocated() {
            address = -1L;
        }
    }

    static dnnl_engine engine(Resources res) throws BackendException {
        dnnl_engine engine = new dnnl_engine();
        DnnlStatus.check(dnnl_engine_create(engine, dnnl_cpu, 0), "dnnl_engine_create(cpu, 0)");
        return res.own(engine, () -> dnnl_engine_destroy(engine));
    }

    static dnnl_stream stream(Resources res, dnnl_engine engine) throws BackendException {
        dnnl_stream stream = new dnnl_stream();
        DnnlStatus.check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "dnnl_stream_create");
        return res.own(stream, () -> dnnl_stream_destroy(stream));
    }

    /** An f32 memory descriptor with {@code dims} (logical order, e.g. NCHW) in format {@code tag}. */
    static dnnl_memory_desc md(Resources res, long[] dims, int tag) throws BackendException {
        return md(res, dims, dnnl_f32, tag);
    }

    /** A memory descriptor of oneDNN data type {@code type} ({@code dnnl_data_type_t}) in format {@code tag}. */
    static dnnl_memory_desc md(Resources res, long[] dims, int type, int tag) throws BackendException {
        dnnl_memory_desc md = new dnnl_memory_desc();
        DnnlStatus.check(dnnl_memory_desc_create_with_tag(md, dims.length, dims, type, tag),
                "dnnl_memory_desc_create_with_tag");
        return res.own(md, () -> dnnl_memory_desc_destroy(md));
    }

    /** Memory for {@code md} whose buffer oneDNN allocates. */
    static dnnl_memory allocate(Resources res, dnnl_engine engine, dnnl_memory_desc md) throws BackendException {
        dnnl_memory memory = new dnnl_memory();
        DnnlStatus.check(dnnl_memory_create(memory, md, engine, new LibraryAllocated()), "dnnl_memory_create");
        return res.own(memory, () -> dnnl_memory_destroy(memory));
    }

    /** Memory for {@code md} over {@code buffer}, which {@code res} frees after the memory object. */
    static dnnl_memory wrap(Resources res, dnnl_engine engine, dnnl_memory_desc md, Pointer buffer)
            throws BackendException {
        res.own(buffer, buffer::deallocate);
        long need = dnnl_memory_desc_get_size(md);
        if (buffer.capacity() * buffer.sizeof() < need) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " x " + buffer.sizeof()
                    + " bytes for " + need + " bytes");
        }
        dnnl_memory memory = new dnnl_memory();
        DnnlStatus.check(dnnl_memory_create(memory, md, engine, buffer), "dnnl_memory_create");
        return res.own(memory, () -> dnnl_memory_destroy(memory));
    }

    /** A primitive attribute asking for a user-provided scratchpad (so execution allocates nothing). */
    static dnnl_primitive_attr userScratchpadAttr(Resources res) throws BackendException {
        dnnl_primitive_attr attr = new dnnl_primitive_attr();
        DnnlStatus.check(dnnl_primitive_attr_create(attr), "dnnl_primitive_attr_create");
        res.own(attr, () -> dnnl_primitive_attr_destroy(attr));
        DnnlStatus.check(dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user),
                "dnnl_primitive_attr_set_scratchpad_mode(user)");
        return attr;
    }

    /** Takes ownership of a primitive descriptor a {@code *_primitive_desc_create} call filled in. */
    static dnnl_primitive_desc own(Resources res, dnnl_primitive_desc pd) {
        return res.own(pd, () -> dnnl_primitive_desc_destroy(pd));
    }

    static dnnl_primitive primitive(Resources res, dnnl_primitive_desc pd, String what) throws BackendException {
        dnnl_primitive primitive = new dnnl_primitive();
        DnnlStatus.check(dnnl_primitive_create(primitive, pd), "dnnl_primitive_create(" + what + ")");
        return res.own(primitive, () -> dnnl_primitive_destroy(primitive));
    }

    /** A reorder primitive from {@code from} to {@code to} (same engine). */
    static dnnl_primitive reorder(Resources res, dnnl_engine engine, dnnl_memory_desc from, dnnl_memory_desc to)
            throws BackendException {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        DnnlStatus.check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, null),
                "dnnl_reorder_primitive_desc_create");
        own(res, pd);
        return primitive(res, pd, "reorder");
    }

    /** Exec arguments for {@code dnnl_primitive_execute}: pairs of (DNNL_ARG_*, memory), built once. */
    static dnnl_exec_arg_t args(Resources res, int[] kinds, dnnl_memory[] memories) {
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(kinds.length);
        res.own(args, args::deallocate);
        for (int i = 0; i < kinds.length; i++) {
            args.position(i).arg(kinds[i]).memory(memories[i]);
        }
        args.position(0);
        return args;
    }

    /** Runs a reorder from {@code from} to {@code to} and waits for it; the temporary objects go with {@code tmp}. */
    static void reorderNow(Resources tmp, dnnl_engine engine, dnnl_stream stream, dnnl_memory_desc fromMd,
                           dnnl_memory from, dnnl_memory_desc toMd, dnnl_memory to) throws BackendException {
        dnnl_primitive reorder = reorder(tmp, engine, fromMd, toMd);
        dnnl_exec_arg_t args = args(tmp, new int[] {DNNL_ARG_FROM, DNNL_ARG_TO}, new dnnl_memory[] {from, to});
        execute(reorder, stream, 2, args, "dnnl_primitive_execute(reorder)");
    }

    /**
     * Executes {@code primitive} and waits for the stream. Allocates nothing: {@code call} is a label built
     * beforehand, used only in the exception message.
     */
    static void execute(dnnl_primitive primitive, dnnl_stream stream, int nargs, dnnl_exec_arg_t args, String call)
            throws BackendException {
        DnnlStatus.check(dnnl_primitive_execute(primitive, stream, nargs, args), call);
        DnnlStatus.check(dnnl_stream_wait(stream), "dnnl_stream_wait");
    }

    /** The implementation name oneDNN reports for {@code pd}, e.g. {@code brg_conv_fwd:avx2}. */
    static String implInfo(dnnl_primitive_desc pd) throws BackendException {
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
            DnnlStatus.check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out),
                    "dnnl_primitive_desc_query(impl_info_str)");
            BytePointer s = out.get(BytePointer.class, 0);
            return s == null || s.isNull() ? "" : s.limit(0).getString();
        }
    }
}
