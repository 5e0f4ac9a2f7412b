package org.opbench.result;

import java.util.List;

/**
 * Which part of a plan a run measured: shard {@code k} of {@code n} (1-based), the number of points of the whole
 * plan, and the keys ({@link PointRecord#key()}) of the points of this shard, so that {@code opbench merge} can
 * name what is missing.
 */
public record ShardInfo(int k, int n, int planPoints, List<String> keys) {
    public ShardInfo {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
