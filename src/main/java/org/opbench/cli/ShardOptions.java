package org.opbench.cli;

import java.util.Map;
import org.opbench.sweep.Shard;
import picocli.CommandLine.Option;

/**
 * {@code --shard K/N} and {@code --shard-count N}, and the schedulers' environment when {@code --shard} is absent:
 * a Slurm job array ({@code SLURM_ARRAY_TASK_ID} with {@code SLURM_ARRAY_TASK_COUNT}, or with
 * {@code SLURM_ARRAY_TASK_MIN}/{@code MAX}/{@code STEP}) and a Kubernetes Indexed Job ({@code JOB_COMPLETION_INDEX},
 * 0-based, with {@code --shard-count} or {@code OPBENCH_SHARD_COUNT}). Shards are numbered 1..N; the first task of
 * an array is shard 1 whatever number the array starts at.
 */
final class ShardOptions {
    static final String COUNT_ENV = "OPBENCH_SHARD_COUNT";

    @Option(names = "--shard", paramLabel = "K/N", description = "run only the K-th of N disjoint parts of the plan "
            + "(1 <= K <= N), balanced by estimated cost; default: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX "
            + "when set, else the whole plan")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "the number of shards when the shard index "
            + "comes from JOB_COMPLETION_INDEX (Kubernetes; default: $" + COUNT_ENV + ")")
    Integer shardCount;

    /** The shard and where it came from (null source: no sharding asked for). */
    record Resolved(Shard shard, String source) {
    }

    Resolved resolve(Map<String, String> env) {
        return resolve(shard, shardCount, env);
    }

    static Resolved resolve(String shard, Integer shardCount, Map<String, String> env) {
        if (shard != null) {
            try {
                return new Resolved(Shard.parse(shard), "--shard");
            } catch (IllegalArgumentException e) {
                throw new UsageError("invalid value for --shard: " + e.getMessage());
            }
        }
        String slurm = env.get("SLURM_ARRAY_TASK_ID");
        String k8s = env.get("JOB_COMPLETION_INDEX");
        if (slurm != null && !slurm.isBlank()) {
            if (shardCount != null) {
                throw new UsageError("--shard-count is for JOB_COMPLETION_INDEX; in a Slurm array the count comes "
                        + "from SLURM_ARRAY_TASK_COUNT (or give --shard K/N)");
            }
            return slurm(env);
        }
        if (k8s != null && !k8s.isBlank()) {
            int index = integer(env, "JOB_COMPLETION_INDEX");
            String countText = shardCount != null ? shardCount.toString() : env.get(COUNT_ENV);
            if (countText == null || countText.isBlank()) {
                throw new UsageError("JOB_COMPLETION_INDEX=" + index + " is set but not the number of shards: give "
                        + "--shard-count N or set " + COUNT_ENV + " (the Job's completions)");
            }
            int n;
            try {
                n = Integer.parseInt(countText.trim());
            } catch (NumberFormatException e) {
                throw new UsageError("invalid shard count '" + countText + "' (from " + (shardCount != null
                        ? "--shard-count" : COUNT_ENV) + "): not a whole number");
            }
            return shard(index + 1, n, "JOB_COMPLETION_INDEX=" + index + " of " + n);
        }
        if (shardCount != null) {
            throw new UsageError("--shard-count needs JOB_COMPLETION_INDEX in the environment (or give --shard K/N)");
        }
        return new Resolved(Shard.ALL, null);
    }

    private static Resolved slurm(Map<String, String> env) {
        int id = integer(env, "SLURM_ARRAY_TASK_ID");
        Integer min = optional(env, "SLURM_ARRAY_TASK_MIN");
        Integer max = optional(env, "SLURM_ARRAY_TASK_MAX");
        Integer step = optional(env, "SLURM_ARRAY_TASK_STEP");
        Integer count = optional(env, "SLURM_ARRAY_TASK_COUNT");
        int first = min != null ? min : 0;
        int stride = step != null && step > 0 ? step : 1;
        if ((id - first) % stride != 0) {
            throw new UsageError("SLURM_ARRAY_TASK_ID=" + id + " is not on the array's grid (MIN " + first + ", STEP "
                    + stride + "); submit a contiguous array such as --array=0-3");
        }
        int k = (id - first) / stride + 1;
        Integer spanned = max != null ? (max - first) / stride + 1 : null;
        if (count == null && spanned == null) {
            throw new UsageError("SLURM_ARRAY_TASK_ID=" + id + " is set but neither SLURM_ARRAY_TASK_COUNT nor "
                    + "SLURM_ARRAY_TASK_MAX: give --shard K/N");
        }
        if (count != null && spanned != null && !count.equals(spanned)) {
            throw new UsageError("the Slurm array is not contiguous (SLURM_ARRAY_TASK_COUNT=" + count + " but MIN "
                    + first + " to MAX " + max + " spans " + spanned + "); submit --array=0-" + (count - 1)
                    + " or give --shard K/N");
        }
        int n = count != null ? count : spanned;
        return shard(k, n, "SLURM_ARRAY_TASK_ID=" + id + " of " + n + (first != 0 ? " from " + first : ""));
    }

    private static Resolved shard(int k, int n, String source) {
        try {
            return new Resolved(new Shard(k, n), source);
        } catch (IllegalArgumentException e) {
            throw new UsageError("invalid shard from " + source + ": " + e.getMessage());
        }
    }

    private static int integer(Map<String, String> env, String name) {
        Integer v = optional(env, name);
        if (v == null) {
            throw new UsageError(name + " is not set");
        }
        return v;
    }

    private static Integer optional(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageError("invalid " + name + "='" + v + "': not a whole number");
        }
    }
}
