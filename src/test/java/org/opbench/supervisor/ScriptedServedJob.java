package org.opbench.supervisor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test job served across workers: each unit takes {@code steps} steps; after its last one it reports a record with
 * the group's name, the places in the supervisor's order its steps were given ({@code seq}), the nanoTime
 * window of each step (start and end, CLOCK_MONOTONIC on Linux, so comparable between workers) and the worker's
 * pid. A unit in {@code dieAt} halts its worker (exit code 7) in its second step.
 */
record ScriptedServedJob(String name, List<Integer> units, int steps, List<Integer> dieAt)
        implements ServedJob<ScriptedServedJob> {
    ScriptedServedJob {
        units = List.copyOf(units);
        dieAt = List.copyOf(dieAt);
    }

    @Override
    public ScriptedServedJob withUnits(List<Integer> remaining) {
        return new ScriptedServedJob(name, remaining, steps, dieAt);
    }

    @Override
    public void execute(Sink sink) {
        throw new UnsupportedOperationException("a served job only");
    }

    @Override
    public void serve(StepSink sink, Commands commands) throws java.io.IOException {
        Map<Integer, List<Integer>> seqs = new HashMap<>();
        Map<Integer, List<Long>> windows = new HashMap<>();
        sink.ready(units, steps);
        for (Command c = commands.next(); c instanceof Command.Step s; c = commands.next()) {
            long t0 = System.nanoTime();
            sink.start(s.unit());
            List<Integer> seq = seqs.computeIfAbsent(s.unit(), u -> new ArrayList<>());
            seq.add(s.seq());
            if (dieAt.contains(s.unit()) && seq.size() == 2) {
                Runtime.getRuntime().halt(7);
            }
            busy(2_000_000);
            List<Long> w = windows.computeIfAbsent(s.unit(), u -> new ArrayList<>());
            w.add(t0);
            w.add(System.nanoTime());
            if (seq.size() == steps) {
                sink.record(s.unit(), Map.of("unit", s.unit(), "group", name, "seq", seq, "window", w,
                        "pid", ProcessHandle.current().pid()));
            } else {
                sink.stepped(s.unit(), false);
            }
        }
    }

    private static void busy(long ns) {
        long end = System.nanoTime() + ns;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
