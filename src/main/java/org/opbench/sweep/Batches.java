package org.opbench.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Which worker groups live at once when rounds are interleaved across workers (issue 15): groups in plan order,
 * packed greedily into batches whose estimated memory stays within the budget and whose size stays within the cap.
 * A group that alone exceeds the budget is a batch of its own (its worker's memory guard still refuses the points
 * that do not fit).
 */
final class Batches {
    private Batches() {
    }

    /**
     * The batches, as lists of indices into {@code needs} (each group's estimated bytes), in order; {@code budget}
     * in bytes ({@link Long#MAX_VALUE}: unknown), {@code cap} the most groups per batch (0: no cap).
     */
    static List<List<Integer>> plan(List<Long> needs, long budget, int cap) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        long used = 0;
        for (int i = 0; i < needs.size(); i++) {
            long need = needs.get(i);
            boolean full = cap > 0 && batch.size() >= cap;
            if (!batch.isEmpty() && (full || need > budget - used)) {
                batches.add(batch);
                batch = new ArrayList<>();
                used = 0;
            }
            batch.add(i);
            used += need;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** What a point's {@code details.interleave_scope} says for batch {@code k} (0-based) of {@code n}. */
    static String scope(int k, int n) {
        return n == 1 ? "sweep" : "batch " + (k + 1) + "/" + n;
    }
}
