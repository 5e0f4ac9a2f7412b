package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx10_1_512;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx10_1_512_amx;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx10_1_512_amx_fp16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx10_2_512;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx10_2_512_amx_2;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2_vnni;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2_vnni_2;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_amx;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_amx_fp16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_fp16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_vnni;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_default;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_sse41;

import java.util.LinkedHashMap;
import java.util.Map;

/** Names of oneDNN's {@code dnnl_cpu_isa_t} values, without the {@code dnnl_cpu_isa_} prefix. */
final class CpuIsa {
    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        // where oneDNN defines an alias (avx10_1_512 = avx512_core_fp16, ...) the first name listed wins
        put(dnnl_cpu_isa_default, "default");
        put(dnnl_cpu_isa_sse41, "sse41");
        put(dnnl_cpu_isa_avx, "avx");
        put(dnnl_cpu_isa_avx2, "avx2");
        put(dnnl_cpu_isa_avx2_vnni, "avx2_vnni");
        put(dnnl_cpu_isa_avx2_vnni_2, "avx2_vnni_2");
        put(dnnl_cpu_isa_avx512_core, "avx512_core");
        put(dnnl_cpu_isa_avx512_core_vnni, "avx512_core_vnni");
        put(dnnl_cpu_isa_avx512_core_bf16, "avx512_core_bf16");
        put(dnnl_cpu_isa_avx512_core_fp16, "avx512_core_fp16");
        put(dnnl_cpu_isa_avx10_1_512, "avx10_1_512");
        put(dnnl_cpu_isa_avx512_core_amx, "avx512_core_amx");
        put(dnnl_cpu_isa_avx10_1_512_amx, "avx10_1_512_amx");
        put(dnnl_cpu_isa_avx512_core_amx_fp16, "avx512_core_amx_fp16");
        put(dnnl_cpu_isa_avx10_1_512_amx_fp16, "avx10_1_512_amx_fp16");
        put(dnnl_cpu_isa_avx10_2_512, "avx10_2_512");
        put(dnnl_cpu_isa_avx10_2_512_amx_2, "avx10_2_512_amx_2");
    }

    private CpuIsa() {
    }

    private static void put(int value, String name) {
        NAMES.putIfAbsent(value, name);
    }

    /** The name of {@code isa}, or {@code isa_0x...} for a value this binding does not know. */
    static String name(int isa) {
        String n = NAMES.get(isa);
        return n != null ? n : "isa_0x" + Integer.toHexString(isa);
    }
}
