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
        "theoretical", "ceilings"})
public record PeaksRecord(String record, int schema, String opbenchVersion, String gitCommit, List<String> command,
                          String started, HostInfo host, Map<String, Object> settings, Theoretical theoretical,
                          List<Ceiling> ceilings) implements Record {
    public static final String KIND = "peaks";

    /** The best ok ceiling of a kind on the CPU at a thread count (the maximum over providers), or null. */
    public Ceiling bestCpu(String kind, int threads) {
        Ceiling best = null;
        for (Ceiling c : ceilings == null ? List.<Ceiling>of() : ceilings) {
            if (c.isOk() && kind.equals(c.kind()) && Ceiling.CPU.equals(c.device()) && c.threads() != null
                    && c.threads() == threads && (best == null || c.value() > best.value())) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The best ok ceiling of a kind on a named device (not the CPU) for points run with {@code threads} host
     * threads, or null: ceilings measured at that thread count (a device whose driver runs on the host's threads,
     * such as PoCL), else ceilings that do not depend on threads ({@code threads} null).
     */
    public Ceiling bestDevice(String kind, String device, int threads) {
        Ceiling exact = null;
        Ceiling any = null;
        for (Ceiling c : ceilings == null ? List.<Ceiling>of() : ceilings) {
            if (!c.isOk() || !kind.equals(c.kind()) || device == null || !device.equals(c.device())
                    || Ceiling.CPU.equals(c.device())) {
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
