package org.opbench.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opbench.measure.RoundHarness;
import org.opbench.measure.RoundObserver;
import org.opbench.measure.RoundSamples;
import org.opbench.result.PointRecord;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.BackendException;
import org.opbench.supervisor.Command;
import org.opbench.supervisor.ServedJob;
import org.opbench.supervisor.Sink;
import org.opbench.supervisor.StepSink;

/**
 * Measures the points of one worker group with their rounds interleaved (issue 15, docs/measurement.md).
 *
 * <p>Every task is opened in order ({@link PointRunner#open}: prepared and checked once) and kept prepared; a task
 * that cannot be timed is recorded at once. When the memory guard refuses a task while others are held, it is set
 * aside and measured after the interleaved ones are closed, on its own ({@code interleaved: false}, the guard's
 * message in {@code details.contiguous_reason}). The held points are then warmed up and timed by one
 * {@link RoundHarness} in a seeded random order of their rounds; each point's record is sent as its last round ends.
 *
 * <p>For the supervisor: {@link Sink#start} is sent before a task is opened and again before each of its rounds,
 * so the unit in flight is always the one whose code is running. A worker that dies (or passes the point timeout,
 * which thus bounds each round and each warm-up) is charged to that point; the supervisor starts a new worker on the
 * units not yet recorded, which interleaves them anew.
 */
final class GroupRunner {
    private final PointRunner runner;
    private final int threads;
    private final long orderSeed;
    private final RoundObserver observer;

    GroupRunner(PointRunner runner, int threads, long orderSeed, RoundObserver observer) {
        this.runner = runner;
        this.threads = threads;
        this.orderSeed = orderSeed;
        this.observer = observer;
    }

    /** The points of a group opened in order: those held prepared, and those the memory guard left for later. */
    private final class Opened {
        final List<PointRunner.Prepared> held = new ArrayList<>();
        final List<Task> later = new ArrayList<>();
        final List<String> laterWhy = new ArrayList<>();

        Opened(List<Task> tasks, Sink sink) {
            for (Task task : tasks) {
                sink.start(task.index());
                PointRunner.Opened o = runner.open(task, threads, held.size());
                if (o.record() != null) {
                    sink.record(task.index(), o.record());
                } else if (o.prepared() != null) {
                    held.add(o.prepared());
                } else {
                    later.add(task);
                    laterWhy.add(runner.lastRefusal());
                }
            }
        }

        /** The points the memory guard refused beside the others, each opened and timed on its own. */
        void measureLater(Sink sink) {
            for (int i = 0; i < later.size(); i++) {
                Task task = later.get(i);
                sink.start(task.index());
                PointRunner.Opened o = runner.open(task, threads, 0);
                if (o.record() != null) {
                    sink.record(task.index(), o.record());
                } else {
                    measure(List.of(o.prepared()), sink, false, "not enough memory to keep it prepared beside the "
                            + "other points of its worker: " + laterWhy.get(i));
                }
            }
        }
    }

    void run(List<Task> tasks, Sink sink) {
        Opened opened = new Opened(tasks, sink);
        List<PointRunner.Prepared> held = opened.held;
        boolean interleaved = held.size() > 1;
        String alone = held.size() != 1 ? null : opened.later.isEmpty() ? "the only point of its worker to be timed"
                : "the only point of its worker that memory allowed to keep prepared";
        measure(held, sink, interleaved, alone);
        opened.measureLater(sink);
    }

    /**
     * Serves the sweep driver's order across workers ({@link ServedJob}): opens the tasks, warms up the held
     * points, reports them ready, then runs the round of each {@link Command.Step} (its {@code seq}, the place in
     * the driver's order, kept per round) until {@link Command.Finish}; then the points left for later run alone.
     * Every held point is {@code interleaved} (with the other workers' points), {@code scope} says over what.
     */
    void serve(List<Task> tasks, StepSink sink, ServedJob.Commands commands, String scope) throws IOException {
        Opened opened = new Opened(tasks, sink);
        RoundHarness.Stepper stepper = runner.harness(observer).stepper();
        List<PointRunner.Prepared> points = opened.held;
        boolean[] closed = new boolean[points.size()];
        Map<Integer, Integer> byUnit = new HashMap<>();
        List<Integer> ready = new ArrayList<>();
        try {
            for (PointRunner.Prepared p : points) {
                int k = stepper.add(p.op);
                sink.start(p.task.index());
                try {
                    stepper.warmUp(k);
                    byUnit.put(p.task.index(), k);
                    ready.add(p.task.index());
                } catch (BackendException | RuntimeException e) {
                    closed[k] = settle(p, runner.fail(p, e), sink);
                }
            }
            sink.ready(ready, stepper.rounds());
            for (Command c = commands.next(); c instanceof Command.Step step; c = commands.next()) {
                Integer k = byUnit.get(step.unit());
                if (k == null || closed[k]) {
                    throw new IllegalStateException("the driver asked for a round of unit " + step.unit()
                            + ", which waits for none in this worker");
                }
                PointRunner.Prepared p = points.get(k);
                sink.start(step.unit());
                RoundHarness.Step next;
                try {
                    next = stepper.round(k, step.seq());
                } catch (BackendException | RuntimeException e) {
                    closed[k] = settle(p, runner.fail(p, e), sink);
                    continue;
                }
                if (next == RoundHarness.Step.DONE) {
                    p.draft.detail("interleave_scope", scope);
                    closed[k] = settle(p, runner.finish(p, stepper.samples(k), true, orderSeed), sink);
                } else {
                    sink.stepped(step.unit(), next == RoundHarness.Step.AGAIN);
                }
            }
        } finally {
            for (int i = 0; i < points.size(); i++) {
                if (!closed[i]) {
                    points.get(i).close();
                }
            }
        }
        opened.measureLater(sink);
    }

    /** Closes {@code p} and sends its record; true. */
    private static boolean settle(PointRunner.Prepared p, PointRecord record, Sink sink) {
        p.close();
        sink.record(p.task.index(), record);
        return true;
    }

    /** Times {@code points} in one round harness (interleaved when more than one), closing each as it finishes. */
    private void measure(List<PointRunner.Prepared> points, Sink sink, boolean interleaved, String contiguousReason) {
        if (points.isEmpty()) {
            return;
        }
        List<PreparedOp> ops = points.stream().map(p -> p.op).toList();
        boolean[] closed = new boolean[points.size()];
        try {
            runner.harness(observer).run(ops, orderSeed, new RoundHarness.Listener() {
                @Override
                public void starting(int point) {
                    sink.start(points.get(point).task.index());
                }

                @Override
                public void done(int point, RoundSamples samples) {
                    PointRunner.Prepared p = points.get(point);
                    if (contiguousReason != null) {
                        p.draft.detail("contiguous_reason", contiguousReason);
                    }
                    if (interleaved) {
                        p.draft.detail("interleave_scope", "group");
                    }
                    PointRecord r = runner.finish(p, samples, interleaved, orderSeed);
                    p.close();
                    closed[point] = true;
                    sink.record(p.task.index(), r);
                }

                @Override
                public void failed(int point, Exception error) {
                    PointRunner.Prepared p = points.get(point);
                    PointRecord r = runner.fail(p, error);
                    p.close();
                    closed[point] = true;
                    sink.record(p.task.index(), r);
                }
            });
        } finally {
            for (int i = 0; i < points.size(); i++) {
                if (!closed[i]) {
                    points.get(i).close();
                }
            }
        }
    }
}
