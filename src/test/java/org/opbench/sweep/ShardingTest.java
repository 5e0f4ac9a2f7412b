package org.opbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opbench.measure.MeasureSettings;
import org.opbench.problem.Op;
import org.opbench.problem.Problems;
import org.opbench.worker.OperatorJob;
import org.opbench.worker.Task;

/** The split of a plan into shards: disjoint, complete, deterministic, groups kept whole, balanced by cost. */
class ShardingTest {
    /** {@code groups} (backend, threads) groups of {@code points} conv points of growing size each. */
    private static SweepPlan plan(int groups, int points) {
        List<OperatorJob> jobs = new ArrayList<>();
        int index = 0;
        for (int g = 0; g < groups; g++) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                int size = 8 + 4 * i;
                tasks.add(new Task(index++, Problems.parse(Op.CONV, "mb1ic16ih" + size + "oc16kh3ph1n\"c" + i + "\""),
                        "net", 1, "direct", "none"));
            }
            jobs.add(new OperatorJob("b" + g, 1 + g % 2, MeasureSettings.DEFAULTS, 1, Map.of(), tasks));
        }
        return new SweepPlan(jobs);
    }

    private static List<List<String>> split(SweepPlan plan, int n) {
        List<List<String>> parts = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            parts.add(Sharding.keys(Sharding.part(plan, new Shard(k, n))));
        }
        return parts;
    }

    @Test
    void shardsAreDisjointAndTogetherThePlan() {
        SweepPlan plan = plan(3, 7);
        for (int n = 1; n <= 25; n++) {
            List<String> all = new ArrayList<>();
            split(plan, n).forEach(all::addAll);
            assertEquals(plan.total(), all.size(), "every point in exactly one of " + n + " shards");
            assertEquals(new HashSet<>(Sharding.keys(plan)), new HashSet<>(all));
        }
    }

    @Test
    void theSplitIsDeterministicFromThePlanAlone() {
        assertEquals(split(plan(3, 7), 4), split(plan(3, 7), 4));
        assertEquals(Sharding.digest(plan(3, 7)), Sharding.digest(plan(3, 7)));
        assertNotEquals(Sharding.digest(plan(3, 7)), Sharding.digest(plan(3, 6)));
    }

    @Test
    void groupsStayWholeWhenThereAreAsManyShardsAsGroups() {
        SweepPlan plan = plan(4, 5);
        for (int k = 1; k <= 4; k++) {
            SweepPlan part = Sharding.part(plan, new Shard(k, 4));
            assertEquals(1, part.jobs().size(), "shard " + k + " is one worker group: " + part.jobs());
            assertEquals(5, part.total());
        }
        // two groups over four shards: each group cut in two, so every shard starts one worker
        SweepPlan two = plan(2, 10);
        for (int k = 1; k <= 4; k++) {
            assertEquals(1, Sharding.part(two, new Shard(k, 4)).jobs().size());
        }
    }

    @Test
    void shardsAreBalancedByEstimatedCost() {
        SweepPlan plan = plan(2, 12);
        long total = plan.jobs().stream().flatMap(j -> j.tasks().stream()).mapToLong(Sharding::cost).sum();
        for (int k = 1; k <= 3; k++) {
            long cost = Sharding.part(plan, new Shard(k, 3)).jobs().stream().flatMap(j -> j.tasks().stream())
                    .mapToLong(Sharding::cost).sum();
            assertTrue(cost > total / 3 / 2 && cost < total / 3 * 2, "shard " + k + " cost " + cost + " of " + total);
        }
    }

    @Test
    void moreShardsThanPointsLeavesSomeEmpty() {
        SweepPlan plan = plan(1, 2);
        List<List<String>> parts = split(plan, 5);
        assertEquals(3, parts.stream().filter(List::isEmpty).count(), parts.toString());
        Set<String> all = new HashSet<>();
        parts.forEach(all::addAll);
        assertEquals(2, all.size());
    }

    @Test
    void shardTextIsKOfNFromOne() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        for (String bad : new String[] {"0/4", "5/4", "0/0", "4", "a/b", "1/-1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().contains("/") || e.getMessage().contains("K/N"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/4x")).getMessage()
                .contains("whole numbers"));
    }
}
