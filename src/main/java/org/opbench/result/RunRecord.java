package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * First record of every result file: what ran, where, with what. {@code record} is always {@code "run"}.
 * A resumed sweep appends a second run record with {@code resumed: true}. {@code plan_digest} identifies the plan
 * of a sweep, {@code shard} the part of it this run measured (null: the whole plan, or not a sweep), and
 * {@code host_fingerprint} the kind of machine ({@link HostFingerprint}); absent (not written) when null, as in files written before them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "schema", "opbench_version", "git_commit", "command", "started", "resumed", "seed",
        "host", "libraries", "timer", "settings",
        "plan_digest", "shard", "host_fingerprint"})
public record RunRecord(String record, int schema, String opbenchVersion, String gitCommit, List<String> command,
                        String started, boolean resumed, long seed, HostInfo host,
                        Map<String, Map<String, Object>> libraries, TimerInfo timer, Map<String, Object> settings,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String planDigest,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ShardInfo shard,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String hostFingerprint)
        implements Record {
    public static final String KIND = "run";
}
