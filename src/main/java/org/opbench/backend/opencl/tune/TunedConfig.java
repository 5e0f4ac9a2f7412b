package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.backend.opencl.ops.Defines;

/**
 * The configuration a point runs with: the tiling variant and one local size per kernel launch (null: the
 * runtime chooses).
 *
 * @param variant    tiling defines
 * @param locals     local size per launch, in launch order; an element is null for "runtime chooses"
 * @param source     {@code none}, {@code heuristic}, {@code tuned} or {@code file} (read from the tuning file)
 * @param evaluated  configurations the tuner timed (0 for none, default and file)
 * @param bestNanos  the tuner's best execution time (sum of END - START), -1 when nothing was timed
 * @param tuningMs   time spent tuning in this process (0 for none, default and file)
 * @param evidence   what a timing tuner decided against the untuned baseline; null for none and heuristic
 */
public record TunedConfig(Defines variant, List<long[]> locals, String source, int evaluated, long bestNanos,
                          double tuningMs, Evidence evidence) {
    /**
     * The untuned baseline a timing tuner compared against and its decision.
     *
     * @param untunedUs the untuned configuration's median over its round medians, in microseconds (device clock)
     * @param gain      the best candidate's gain over the untuned configuration with its interval; null when no
     *                  candidate reached the final rounds
     * @param decision  {@code tuned: ...} or {@code kept default: ...}, with the reason
     */
    public record Evidence(double untunedUs, Decision.Gain gain, String decision) {
        public Evidence {
            if (decision == null || !(decision.startsWith("tuned: ") || decision.startsWith("kept default: "))) {
                throw new IllegalArgumentException("a tuning decision starts with 'tuned: ' or 'kept default: ', got "
                        + decision);
            }
        }
    }

    public TunedConfig(Defines variant, List<long[]> locals, String source, int evaluated, long bestNanos,
                       double tuningMs) {
        this(variant, locals, source, evaluated, bestNanos, tuningMs, null);
    }

    /** This configuration with {@code ms} as its tuning time. */
    public TunedConfig withTuningMs(double ms) {
        return new TunedConfig(variant, locals, source, evaluated, bestNanos, ms, evidence);
    }

    public TunedConfig {
        List<long[]> copy = new ArrayList<>(locals.size());
        for (long[] l : locals) {
            copy.add(l == null ? null : l.clone());
        }
        locals = Collections.unmodifiableList(copy);
    }

    /** The local size of launch {@code i} (null: runtime chooses). */
    public long[] local(int i) {
        long[] l = locals.get(i);
        return l == null ? null : l.clone();
    }

    /** As recorded under {@code details.tuner_config}. */
    public Map<String, Object> describe(List<String> kernelNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("defines", new LinkedHashMap<>(variant.values()));
        Map<String, Object> locs = new LinkedHashMap<>();
        for (int i = 0; i < locals.size(); i++) {
            String name = i < kernelNames.size() ? kernelNames.get(i) : "kernel" + i;
            String key = locs.containsKey(name) ? name + "#" + i : name;
            locs.put(key, locals.get(i) == null ? "null" : Arrays.toString(locals.get(i)));
        }
        m.put("local", locs);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{").append(variant).append("} local=");
        for (int i = 0; i < locals.size(); i++) {
            b.append(i == 0 ? "" : ",").append(locals.get(i) == null ? "null" : Arrays.toString(locals.get(i)));
        }
        return b.toString();
    }
}
