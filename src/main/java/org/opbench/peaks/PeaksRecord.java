package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.opbench.result.HostInfo;
import org.opbench.result.Record;

/**
 * The machine's ceilings as {@code opbench peaks} measured them: one JSON line with {@code record: "peaks"}. It can
 * be given to {@code analyze} and {@code report} beside sweep files (the roofline uses it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "schema", "opbench_version", "git_commit", "command", "started", "host", "settings",
        "theoretical", "theoretical_by_dtype", "ceilings"})
public record PeaksRecord(String record, int schema, String opbenchVersion, String gitCommit, List<String> command,
                          String started, HostInfo host, Map<String, Object> settings, Theoretical theoretical,
                          List<Ceiling> ceilings, List<TheoreticalDtype> theoreticalByDtype) implements Record {
    public static final String KIND = "peaks";

    /** {@code theoretical_by_dtype} is absent from files written before issue 16: an empty list. */
    public PeaksRecord {
        theoreticalByDtype = theoreticalByDtype == null ? List.of() : List.copyOf(theoreticalByDtype);
    }

    /** A record without per-type theoretical peaks (the form before issue 16). */
    public PeaksRecord(String record, int schema, String opbenchVersion, String gitCommit, List<String> command,
                       String started, HostInfo host, Map<String, Object> settings, Theoretical theoretical,
                       List<Ceiling> ceilings) {
        this(record, schema, opbenchVersion, gitCommit, command, started, host, settings, theoretical, ceilings,
                List.of());
    }

    /** The best ok fp32 ceiling of a kind on the CPU at a thread count (the maximum over providers), or null. */
    public Ceiling bestCpu(String kind, int threads) {
        return bestCpu(kind, threads, Ceiling.F32);
    }

    /**
     * The best ok ceiling of a kind on the CPU at a thread count for data type {@code dtype} ({@link Ceiling#F32},
     * {@link Ceiling#BF16}, {@link Ceiling#INT8}), or null when none of that type was measured (the caller decides
     * whether to fall back to f32, and says so). A bandwidth ceiling counts bytes: for {@link Ceiling#BANDWIDTH} the
     * type is not compared.
     */
    public Ceiling bestCpu(String kind, int threads, String dtype) {
        Ceiling best = null;
        for (Ceiling c : ceilings == null ? List.<Ceiling>of() : ceilings) {
            if (c.isOk() && kind.equals(c.kind()) && ofType(c, dtype) && Ceiling.CPU.equals(c.device())
                    && c.threads() != null && c.threads() == threads && (best == null || c.value() > best.value())) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The theoretical peak of {@code dtype} (null where none was computed): from {@code theoretical_by_dtype}, and
     * for f32 from {@code theoretical} in files that have no per-type list.
     */
    public TheoreticalDtype theoretical(String dtype) {
        for (TheoreticalDtype t : theoreticalByDtype) {
            if (t.dtype().equals(dtype)) {
                return t;
            }
        }
        if (Ceiling.F32.equals(dtype) && theoretical != null) {
            Theoretical t = theoretical;
            Double macs = t.fp32Lanes() == null || t.fmaUnits() == null ? null
                    : (double) t.fp32Lanes() * t.fmaUnits();
            return new TheoreticalDtype(Ceiling.F32, t.gflops(), t.perCoreGflops(), t.cores(), macs, 1.0, t.mhz(),
                    t.basis(), t.reason());
        }
        return null;
    }

    private static boolean ofType(Ceiling c, String dtype) {
        return Ceiling.BANDWIDTH.equals(c.kind()) || dtype.equals(c.dtype());
    }

    /**
     * The best ok ceiling of a kind on a named device (not the CPU) for points run with {@code threads} host
     * threads, or null: ceilings measured at that thread count (a device whose driver runs on the host's threads,
     * such as PoCL), else ceilings that do not depend on threads ({@code threads} null).
     */
    public Ceiling bestDevice(String kind, String device, int threads) {
        return bestDevice(kind, device, threads, Ceiling.F32);
    }

    /** As {@link #bestDevice(String, String, int)} for data type {@code dtype} (bandwidth: any type). */
    public Ceiling bestDevice(String kind, String device, int threads, String dtype) {
        Ceiling exact = null;
        Ceiling any = null;
        for (Ceiling c : ceilings == null ? List.<Ceiling>of() : ceilings) {
            if (!c.isOk() || !kind.equals(c.kind()) || !ofType(c, dtype) || device == null
                    || !device.equals(c.device()) || Ceiling.CPU.equals(c.device())) {
                continue;
            }
            if (c.threads() != null && c.threads() == threads) {
                exact = exact == null || c.value() > exact.value() ? c : exact;
            } else if (c.threads() == null) {
                any = any == null || c.value() > any.value() ? c : any;
            }
        }
        return exact != null ? exact : any;
    }
}
