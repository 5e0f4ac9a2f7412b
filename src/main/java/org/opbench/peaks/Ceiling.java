package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One measured ceiling: the best rate a kernel reached on a device at a thread count.
 *
 * @param name     the provider that measured it, e.g. {@code java-fma}, {@code dnnl-sgemm}
 * @param kind     {@link #COMPUTE} (value in GFLOPS) or {@link #BANDWIDTH} (value in GB/s, 1e9 bytes per second)
 * @param device   {@link #CPU} for the host's cores, else the device as the backend's points name it
 * @param threads  host threads used (null for a device ceiling, which does not depend on them)
 * @param status   {@code ok}, {@code unavailable} (cannot run here) or {@code failed}; value is null unless ok
 * @param reason   why not ok (null when ok)
 * @param value    the best rate over the repetitions
 * @param samples  the rate of every repetition
 * @param method   what was run, in words (kernel, sizes, counting convention)
 * @param details  further facts (sizes, cache sizes, vector width the JIT used, ...)
 * @param dtype    the data type the kernel computed in: {@link #F32}, {@link #BF16} or {@link #F16} (inputs of
 *                 the type, {@code f32} results) or {@link #INT8} ({@code u8 x s8 -> s32}; value in GOPS, 2 ops per
 *                 multiply-add as for flops). A bandwidth ceiling counts bytes, whatever the type its kernel moved
 *                 ({@link PeaksRecord#bestCpu(String, int, String)} ignores its dtype). Files written before the
 *                 field existed read as {@code f32}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "kind", "dtype", "device", "threads", "status", "reason", "value", "unit", "samples",
        "method", "details"})
public record Ceiling(String name, String kind, String device, Integer threads, String status, String reason,
                      Double value, String unit, double[] samples, String method, Map<String, Object> details,
                      String dtype) {
    public static final String COMPUTE = "compute";
    public static final String BANDWIDTH = "bandwidth";
    public static final String CPU = "cpu";
    public static final String OK = "ok";
    /** The data types of ceilings (the precision ids of issue 16). */
    public static final String F32 = "f32";
    public static final String BF16 = "bf16";
    public static final String F16 = "f16";
    public static final String INT8 = "int8";

    public Ceiling {
        dtype = dtype == null ? F32 : dtype;
    }

    /** An f32 ceiling (the form before ceilings had a data type). */
    public Ceiling(String name, String kind, String device, Integer threads, String status, String reason,
                   Double value, String unit, double[] samples, String method, Map<String, Object> details) {
        this(name, kind, device, threads, status, reason, value, unit, samples, method, details, F32);
    }

    public static Ceiling ok(String name, String kind, String device, Integer threads, double[] samples, String method,
                             Map<String, Object> details) {
        return ok(name, kind, F32, device, threads, samples, method, details);
    }

    /** An ok ceiling of data type {@code dtype}: the best of {@code samples}. */
    public static Ceiling ok(String name, String kind, String dtype, String device, Integer threads, double[] samples,
                             String method, Map<String, Object> details) {
        double best = 0;
        for (double s : samples) {
            best = Math.max(best, s);
        }
        return new Ceiling(name, kind, device, threads, OK, null, best, unit(kind, dtype), samples.clone(), method,
                details, dtype);
    }

    public static Ceiling notMeasured(String name, String kind, String device, Integer threads, String status,
                                      String reason) {
        return notMeasured(name, kind, F32, device, threads, status, reason);
    }

    /** A ceiling of data type {@code dtype} that was not measured, with the reason. */
    public static Ceiling notMeasured(String name, String kind, String dtype, String device, Integer threads,
                                      String status, String reason) {
        return new Ceiling(name, kind, device, threads, status, reason, null, unit(kind, dtype), null, null, Map.of(),
                dtype);
    }

    public boolean isOk() {
        return OK.equals(status) && value != null;
    }

    static String unit(String kind) {
        return unit(kind, F32);
    }

    /** GB/s for bandwidth; for compute GOPS for int8 (integer operations), GFLOPS otherwise. */
    static String unit(String kind, String dtype) {
        return BANDWIDTH.equals(kind) ? "GB/s" : INT8.equals(dtype) ? "GOPS" : "GFLOPS";
    }
}
