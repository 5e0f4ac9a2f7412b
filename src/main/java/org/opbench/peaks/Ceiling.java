package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param dtype    the precision of a compute ceiling ({@code f32}, {@code bf16}, {@code int8}); null (not written)
 *                 means f32, as in every peaks file written before precisions existed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "kind", "device", "threads", "status", "reason", "value", "unit", "samples", "method",
        "details"})
public record Ceiling(String name, String kind, String device, Integer threads, String status, String reason,
                      Double value, String unit, double[] samples, String method, Map<String, Object> details,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String dtype) {
    public static final String COMPUTE = "compute";
    public static final String BANDWIDTH = "bandwidth";
    public static final String CPU = "cpu";
    public static final String OK = "ok";

    public static Ceiling ok(String name, String kind, String device, Integer threads, double[] samples, String method,
                             Map<String, Object> details) {
        double best = 0;
        for (double s : samples) {
            best = Math.max(best, s);
        }
        return new Ceiling(name, kind, device, threads, OK, null, best, unit(kind), samples.clone(), method, details, null);
    }

    public static Ceiling notMeasured(String name, String kind, String device, Integer threads, String status,
                                      String reason) {
        return new Ceiling(name, kind, device, threads, status, reason, null, unit(kind), null, null, Map.of(), null);
    }

    /** This ceiling with its precision set (a compute ceiling of a precision other than f32). */
    public Ceiling withDtype(String value) {
        return new Ceiling(name, kind, device, threads, status, reason, this.value, unit, samples, method, details,
                value);
    }

    /** The precision, {@code f32} where none is written. */
    public String dtypeOrF32() {
        return dtype == null || dtype.isBlank() ? "f32" : dtype;
    }

    public boolean isOk() {
        return OK.equals(status) && value != null;
    }

    static String unit(String kind) {
        return BANDWIDTH.equals(kind) ? "GB/s" : "GFLOPS";
    }
}
