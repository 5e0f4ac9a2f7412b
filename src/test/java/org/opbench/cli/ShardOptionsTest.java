package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.sweep.Shard;

/** Where a sweep's shard comes from: --shard, a Slurm array's environment, a Kubernetes Indexed Job's. */
class ShardOptionsTest {
    private static Shard resolve(String flag, Integer count, Map<String, String> env) {
        return ShardOptions.resolve(flag, count, env).shard();
    }

    @Test
    void noShardingWithoutFlagOrScheduler() {
        ShardOptions.Resolved r = ShardOptions.resolve(null, null, Map.of("PATH", "/bin"));
        assertEquals(Shard.ALL, r.shard());
        assertNull(r.source());
    }

    @Test
    void theFlagWinsOverTheEnvironment() {
        assertEquals(new Shard(3, 4), resolve("3/4", null, Map.of("SLURM_ARRAY_TASK_ID", "0",
                "SLURM_ARRAY_TASK_COUNT", "2")));
    }

    @Test
    void slurmArraysCountFromOneWhateverTheirStart() {
        Map<String, String> zeroBased = Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_MAX", "3", "SLURM_ARRAY_TASK_STEP", "1", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(1, 4), resolve(null, null, zeroBased));
        Map<String, String> oneBased = Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(4, 4), resolve(null, null, oneBased));
        Map<String, String> minMax = Map.of("SLURM_ARRAY_TASK_ID", "12", "SLURM_ARRAY_TASK_MIN", "10",
                "SLURM_ARRAY_TASK_MAX", "13");
        assertEquals(new Shard(3, 4), resolve(null, null, minMax));
        Map<String, String> stepped = Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_MAX", "6", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(3, 4), resolve(null, null, stepped));
    }

    @Test
    void anIrregularSlurmArrayIsRefused() {
        UsageError e = assertThrows(UsageError.class, () -> resolve(null, null, Map.of("SLURM_ARRAY_TASK_ID", "5",
                "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "5", "SLURM_ARRAY_TASK_COUNT", "3")));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
    }

    @Test
    void kubernetesIndexIsZeroBasedWithTheCountFromTheFlagOrTheManifest() {
        assertEquals(new Shard(1, 4), resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "0",
                ShardOptions.COUNT_ENV, "4")));
        assertEquals(new Shard(4, 4), resolve(null, 4, Map.of("JOB_COMPLETION_INDEX", "3")));
        UsageError none = assertThrows(UsageError.class, () -> resolve(null, null, Map.of("JOB_COMPLETION_INDEX",
                "3")));
        assertTrue(none.getMessage().contains("--shard-count") && none.getMessage().contains(ShardOptions.COUNT_ENV),
                none.getMessage());
        UsageError beyond = assertThrows(UsageError.class, () -> resolve(null, 4, Map.of("JOB_COMPLETION_INDEX",
                "4")));
        assertTrue(beyond.getMessage().contains("JOB_COMPLETION_INDEX=4") && beyond.getMessage().contains("5/4"),
                beyond.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(assertThrows(UsageError.class, () -> resolve("0/0", null, Map.of())).getMessage()
                .startsWith("invalid value for --shard"));
        assertTrue(assertThrows(UsageError.class, () -> resolve(null, null, Map.of("SLURM_ARRAY_TASK_ID", "x")))
                .getMessage().contains("SLURM_ARRAY_TASK_ID='x'"));
        assertTrue(assertThrows(UsageError.class, () -> resolve(null, 3, Map.of())).getMessage()
                .contains("--shard-count needs JOB_COMPLETION_INDEX"));
    }
}
