package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_matmul_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_create_with_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_get_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_scratchpad_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_s32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_s8;
import static org.bytedeco.dnnl.global.dnnl.dnnl_u8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.opbench.peaks.BackendCeiling;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeakSettings;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * Peak reduced-precision compute (int8, bf16, f16) as oneDNN's matmul primitive reaches it (issue 16): an
 * {@code n x n x n} product (default 1024) with source and destination in plain row-major layout and weights in the
 * layout the primitive chooses (reordered once, before timing), {@code 2 n^3} operations per call. The Java JIT
 * cannot emit VNNI, {@code vdpbf16ps} or {@code sdot}, so these ceilings come from the library. The result of every
 * call is an exact integer (small integer inputs, sums far below 2^24), so rows of it are compared with the exact
 * product computed here after the warm-up and again after the timed repetitions: a wrong result fails the ceiling,
 * it is never a rate. Where oneDNN has no implementation for the types on this CPU ({@code dnnl_unimplemented}) the
 * ceiling is {@code unavailable} with oneDNN's status and the effective ISA, not a number. The implementation oneDNN
 * chose ({@code impl_info_str}, e.g. {@code brg_matmul:avx512_core_vnni}) is in {@code details.impl}.
 */
public abstract class DnnlMatmulCeiling extends BackendCeiling {
    static final int N = 1024;
    /** Rows of the result compared with the exact product (spread over the matrix, first and last included). */
    static final int CHECKED_ROWS = 16;

    private final Types types;
    private final int n;

    /** The data types of one matmul: oneDNN's type ids and the ceiling's {@code dtype}. */
    enum Types {
        INT8(Ceiling.INT8, dnnl_u8, dnnl_s8, dnnl_s32, "u8:s8:s32", "u8 x s8 -> s32"),
        BF16(Ceiling.BF16, dnnl_bf16, dnnl_bf16, dnnl_f32, "bf16:bf16:f32", "bf16 x bf16 -> f32"),
        F16(Ceiling.F16, dnnl_f16, dnnl_f16, dnnl_f32, "f16:f16:f32", "f16 x f16 -> f32");

        final String dtype;
        final int src;
        final int wei;
        final int dst;
        final String dt;
        final String words;

        Types(String dtype, int src, int wei, int dst, String dt, String words) {
            this.dtype = dtype;
            this.src = src;
            this.wei = wei;
            this.dst = dst;
            this.dt = dt;
            this.words = words;
        }

        /** Source element (i, k): u8 0..31, or integers -7..7 (exact in bf16 and f16). */
        int a(long i, long k) {
            return this == INT8 ? (int) ((i * 7 + k * 3) % 32) : (int) ((i * 7 + k * 3) % 15) - 7;
        }

        /** Weight element (k, j): s8 -32..31, or integers -7..7. */
        int b(long k, long j) {
            return this == INT8 ? (int) ((k * 5 + j * 11) % 64) - 32 : (int) ((k * 5 + j * 11) % 15) - 7;
        }
    }

    protected DnnlMatmulCeiling(String name, Types types, int n) {
        super(name, Ceiling.COMPUTE);
        this.types = types;
        this.n = n;
    }

    @Override
    public final String dtype() {
        return types.dtype;
    }

    @Override
    protected final Backend backend() {
        return new DnnlBackend();
    }

    @Override
    public final List<Ceiling> measure(Integer threads, PeakSettings settings) throws Exception {
        int running = new DnnlBackend().effectiveThreads();
        if (threads != null && running != threads) {
            return List.of(Ceiling.notMeasured(name(), Ceiling.COMPUTE, types.dtype, Ceiling.CPU, threads,
                    "unavailable", "oneDNN in this process runs on " + running + " threads (fixed at process start "
                            + "by OMP_NUM_THREADS), not " + threads + ": measure in a worker (without --in-process)"));
        }
        String isa = DnnlLibrary.info() == null ? null : DnnlLibrary.info().isa();
        try (Resources res = new Resources()) {
            Matmul mm;
            try {
                mm = Matmul.create(res, types, n);
            } catch (UnsupportedException e) {
                return List.of(Ceiling.notMeasured(name(), Ceiling.COMPUTE, types.dtype, Ceiling.CPU, threads,
                        "unavailable", "oneDNN has no " + types.words + " matmul on this CPU (effective ISA " + isa
                                + "): " + e.getMessage()));
            }
            mm.run();
            check(mm, "after the warm-up call");
            double opsPerCall = 2.0 * n * n * n;
            double[] rates = new double[settings.reps()];
            for (int r = 0; r < rates.length; r++) {
                long calls = 0;
                long t0 = System.nanoTime();
                long elapsed;
                do {
                    mm.run();
                    calls++;
                    elapsed = System.nanoTime() - t0;
                } while (elapsed < settings.minTimeS() * 1e9);
                rates[r] = opsPerCall * calls / elapsed;
            }
            check(mm, "after the timed calls");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("m_n_k", n);
            details.put("dt", types.dt);
            details.put("impl", mm.impl);
            details.put("isa", isa);
            details.put("weights_layout", mm.weightsLayout);
            details.put("threads", running);
            details.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
            details.put("checked_rows", CHECKED_ROWS);
            return List.of(Ceiling.ok(name(), Ceiling.COMPUTE, types.dtype, Ceiling.CPU, threads, rates,
                    "oneDNN matmul " + types.words + " " + n + "x" + n + "x" + n + " (" + mm.impl + "), 2MNK ops per "
                            + "call, result rows checked exactly; best of " + settings.reps() + " repetitions of at "
                            + "least " + settings.minTimeS() + " s", details));
        }
    }

    /** Compares {@link #CHECKED_ROWS} rows of the result with the exact product; throws on the first difference. */
    static void check(Matmul mm, String when) {
        Types types = mm.types;
        int n = mm.n;
        for (long i : checkedRows(n)) {
            for (long j = 0; j < n; j++) {
                long want = 0;
                for (long k = 0; k < n; k++) {
                    want += (long) types.a(i, k) * types.b(k, j);
                }
                double got = mm.result(i * n + j);
                if (got != want) {
                    throw new IllegalStateException("oneDNN " + types.words + " matmul (" + mm.impl + ") computed "
                            + got + " at row " + i + ", column " + j + " " + when + ", not the exact " + want
                            + ": no ceiling from a wrong result");
                }
            }
        }
    }

    static List<Long> checkedRows(int n) {
        List<Long> rows = new ArrayList<>();
        int count = Math.min(n, CHECKED_ROWS);
        for (int r = 0; r < count; r++) {
            long i = count == 1 ? 0 : (long) r * (n - 1) / (count - 1);
            if (!rows.contains(i)) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** The primitive and its memories, owned by a {@link Resources}. */
    static final class Matmul {
        final int n;
        final dnnl_stream stream;
        final dnnl_primitive primitive;
        final dnnl_exec_arg_t args;
        final int nargs;
        final Pointer dst;
        final Types types;
        final String impl;
        final String weightsLayout;

        private Matmul(int n, dnnl_stream stream, dnnl_primitive primitive, dnnl_exec_arg_t args, int nargs,
                       Pointer dst, Types types, String impl, String weightsLayout) {
            this.n = n;
            this.stream = stream;
            this.primitive = primitive;
            this.args = args;
            this.nargs = nargs;
            this.dst = dst;
            this.types = types;
            this.impl = impl;
            this.weightsLayout = weightsLayout;
        }

        static Matmul create(Resources res, Types types, int n) throws BackendException {
            dnnl_engine engine = Dnnl.engine(res);
            dnnl_stream stream = Dnnl.stream(res, engine);
            long[] dims = {n, n};
            dnnl_memory_desc srcMd = md(res, dims, types.src, dnnl_ab);
            dnnl_memory_desc weiAny = md(res, dims, types.wei, dnnl_format_tag_any);
            dnnl_memory_desc dstMd = md(res, dims, types.dst, dnnl_ab);
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            DnnlStatus.check(dnnl_matmul_primitive_desc_create(pd, engine, srcMd, weiAny, null, dstMd,
                    Dnnl.userScratchpadAttr(res)), "dnnl_matmul_primitive_desc_create(" + types.dt + ")");
            Dnnl.own(res, pd);
            String impl = Dnnl.implInfo(pd);

            dnnl_memory src = Dnnl.allocate(res, engine, dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0));
            fill(handle(src), types, n, true);
            dnnl_memory_desc weiMd = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
            dnnl_memory wei = Dnnl.allocate(res, engine, weiMd);
            try (Resources tmp = new Resources()) {
                dnnl_memory_desc userWeiMd = md(tmp, dims, types.wei, dnnl_ab);
                dnnl_memory userWei = Dnnl.allocate(tmp, engine, userWeiMd);
                fill(handle(userWei), types, n, false);
                Dnnl.reorderNow(tmp, engine, stream, userWeiMd, userWei, weiMd, wei);
            }
            dnnl_memory_desc pdDstMd = dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
            dnnl_memory dst = Dnnl.allocate(res, engine, pdDstMd);
            List<Integer> kinds = new ArrayList<>(List.of(DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
            List<dnnl_memory> memories = new ArrayList<>(List.of(src, wei, dst));
            dnnl_memory_desc scratchMd = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
            if (scratchMd != null && !scratchMd.isNull() && dnnl_memory_desc_get_size(scratchMd) > 0) {
                kinds.add(DNNL_ARG_SCRATCHPAD);
                memories.add(Dnnl.allocate(res, engine, scratchMd));
            }
            dnnl_primitive primitive = Dnnl.primitive(res, pd, "matmul " + types.dt);
            dnnl_exec_arg_t args = Dnnl.args(res, kinds.stream().mapToInt(Integer::intValue).toArray(),
                    memories.toArray(new dnnl_memory[0]));
            Pointer out = handle(dst);
            Pointer typed = types.dst == dnnl_s32 ? new IntPointer(out).capacity((long) n * n)
                    : new FloatPointer(out).capacity((long) n * n);
            return new Matmul(n, stream, primitive, args, kinds.size(), typed, types, impl, Layouts.describe(weiMd));
        }

        /** One call, waited for; allocates nothing. */
        void run() throws BackendException {
            Dnnl.execute(primitive, stream, nargs, args, "dnnl_primitive_execute(matmul)");
        }

        /** Element {@code index} of the row-major result. */
        double result(long index) {
            return types.dst == dnnl_s32 ? ((IntPointer) dst).get(index) : ((FloatPointer) dst).get(index);
        }

        private static dnnl_memory_desc md(Resources res, long[] dims, int type, int tag) throws BackendException {
            dnnl_memory_desc md = new dnnl_memory_desc();
            DnnlStatus.check(dnnl_memory_desc_create_with_tag(md, dims.length, dims, type, tag),
                    "dnnl_memory_desc_create_with_tag");
            return res.own(md, () -> dnnl_memory_desc_destroy(md));
        }

        private static Pointer handle(dnnl_memory memory) throws BackendException {
            try (PointerPointer<Pointer> out = new PointerPointer<>(1)) {
                DnnlStatus.check(dnnl_memory_get_data_handle(memory, out), "dnnl_memory_get_data_handle");
                return out.get(0);
            }
        }

        /** The IEEE half-precision bits of a small integer ({@code |v| <= 2048}, so exact). */
        static short f16Bits(int v) {
            if (v == 0) {
                return 0;
            }
            if (Math.abs(v) > 2048) {
                throw new IllegalArgumentException(v + " is not exact in f16 here");
            }
            int b = Float.floatToRawIntBits(v);
            int sign = (b >>> 16) & 0x8000;
            int exp = ((b >>> 23) & 0xff) - 127 + 15;
            int mantissa = (b >>> 13) & 0x3ff;
            return (short) (sign | exp << 10 | mantissa);
        }

        /** Writes the source ({@code a}) or weights ({@code b}) of {@code types} in row-major order. */
        private static void fill(Pointer p, Types types, int n, boolean source) {
            long count = (long) n * n;
            if (types.src == dnnl_bf16 || types.src == dnnl_f16) {
                ShortPointer s = new ShortPointer(p).capacity(count);
                for (long x = 0; x < count; x++) {
                    int v = source ? types.a(x / n, x % n) : types.b(x / n, x % n);
                    s.put(x, types.src == dnnl_bf16 ? (short) (Float.floatToRawIntBits(v) >>> 16) : f16Bits(v));
                }
            } else {
                BytePointer b = new BytePointer(p).capacity(count);
                for (long x = 0; x < count; x++) {
                    b.put(x, (byte) (source ? types.a(x / n, x % n) : types.b(x / n, x % n)));
                }
            }
        }
    }
}
