package org.opbench.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.opbench.result.Json;
import org.opbench.worker.OperatorJob;
import org.opbench.worker.Task;

/**
 * Splits a sweep plan into {@code N} disjoint shards, deterministically from the plan alone, so that every shard of
 * a Slurm array or Kubernetes Indexed Job computes the same split on its own.
 *
 * <p>Each point's estimated cost is {@link #POINT_COST} (preparing, warming up and the minimum timed time, paid by
 * every point whatever its size) plus its FLOPs plus {@link #BYTE_COST} per byte of minimal traffic. A (backend,
 * threads) worker group whose cost is at most the total over {@code N} stays whole; a larger one is cut, in plan
 * order, into the fewest contiguous pieces of at most that size. The pieces, largest first (ties in plan order),
 * each go to the shard with the least cost so far (ties: the lowest shard). Within a shard, groups and points keep
 * their plan order. Shards may be empty when the plan has fewer pieces than {@code N}.
 */
public final class Sharding {
    /** The fixed cost of one point, in FLOP-equivalents (about a tenth of a second of a small core's work). */
    public static final long POINT_COST = 100_000_000L;
    /** FLOP-equivalents per byte of minimal traffic. */
    public static final long BYTE_COST = 10;

    private Sharding() {
    }

    /** The estimated cost of one point. */
    public static long cost(Task t) {
        return POINT_COST + t.problem().flops() + BYTE_COST * t.problem().bytes();
    }

    /** The part of {@code plan} that shard {@code shard} runs (the whole plan for 1/1). */
    public static SweepPlan part(SweepPlan plan, Shard shard) {
        if (shard.whole()) {
            return plan;
        }
        List<Piece> pieces = pieces(plan, shard.n());
        pieces.sort(Comparator.comparingLong(Piece::cost).reversed().thenComparingInt(Piece::job)
                .thenComparingInt(Piece::first));
        long[] load = new long[shard.n()];
        Set<Integer> mine = new HashSet<>();
        for (Piece p : pieces) {
            int best = 0;
            for (int s = 1; s < load.length; s++) {
                if (load[s] < load[best]) {
                    best = s;
                }
            }
            load[best] += p.cost();
            if (best == shard.k() - 1) {
                p.tasks().forEach(t -> mine.add(t.index()));
            }
        }
        List<OperatorJob> jobs = new ArrayList<>();
        for (OperatorJob job : plan.jobs()) {
            List<Task> kept = job.tasks().stream().filter(t -> mine.contains(t.index())).toList();
            if (!kept.isEmpty()) {
                jobs.add(job.withTasks(kept));
            }
        }
        return new SweepPlan(jobs);
    }

    /** A contiguous run of one job's tasks. */
    private record Piece(int job, int first, List<Task> tasks, long cost) {
    }

    private static List<Piece> pieces(SweepPlan plan, int n) {
        long total = 0;
        for (OperatorJob job : plan.jobs()) {
            for (Task t : job.tasks()) {
                total += cost(t);
            }
        }
        long target = Math.max(1, (total + n - 1) / n);
        List<Piece> pieces = new ArrayList<>();
        for (int j = 0; j < plan.jobs().size(); j++) {
            List<Task> tasks = plan.jobs().get(j).tasks();
            long jobCost = tasks.stream().mapToLong(Sharding::cost).sum();
            long parts = Math.max(1, (jobCost + target - 1) / target);
            long share = (jobCost + parts - 1) / parts;
            List<Task> current = new ArrayList<>();
            long currentCost = 0;
            int first = 0;
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                if (!current.isEmpty() && currentCost + cost(t) > share && currentCost >= share / 2) {
                    pieces.add(new Piece(j, first, current, currentCost));
                    current = new ArrayList<>();
                    currentCost = 0;
                    first = i;
                }
                current.add(t);
                currentCost += cost(t);
            }
            if (!current.isEmpty()) {
                pieces.add(new Piece(j, first, current, currentCost));
            }
        }
        return pieces;
    }

    /**
     * The plan's digest: SHA-256 (first 16 hex digits) of every job's backend, threads, options, settings and seed
     * and every point's key, network and repeat, in plan order. Shards of the same plan carry the same digest.
     */
    public static String digest(SweepPlan plan) {
        StringBuilder text = new StringBuilder();
        for (OperatorJob job : plan.jobs()) {
            text.append("job|").append(job.backend()).append('|').append(job.threads()).append('|')
                    .append(new TreeMap<>(job.options())).append('|').append(json(job.settings())).append('|')
                    .append(job.seed()).append('\n');
            for (Task t : job.tasks()) {
                text.append(Driver.key(job, t)).append('|').append(t.network()).append('|').append(t.repeat())
                        .append('\n');
            }
        }
        return digestOf(text.toString());
    }

    /** The first 16 hex digits of the SHA-256 of {@code text}. */
    public static String digestOf(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The keys of the plan's points, in plan order. */
    public static List<String> keys(SweepPlan plan) {
        List<String> keys = new ArrayList<>();
        for (OperatorJob job : plan.jobs()) {
            for (Task t : job.tasks()) {
                keys.add(Driver.key(job, t));
            }
        }
        return keys;
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o, e);
        }
    }
}
