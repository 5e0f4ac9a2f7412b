package org.opbench.worker;

import java.util.ArrayList;
import java.util.List;
import org.opbench.measure.RoundHarness;
import org.opbench.measure.RoundObserver;
import org.opbench.measure.RoundSamples;
import org.opbench.result.PointRecord;
import org.opbench.spi.PreparedOp;
import org.opbench.supervisor.Sink;

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

    void run(List<Task> tasks, Sink sink) {
        List<PointRunner.Prepared> held = new ArrayList<>();
        List<Task> later = new ArrayList<>();
        List<String> laterWhy = new ArrayList<>();
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
        boolean interleaved = held.size() > 1;
        String alone = held.size() != 1 ? null : later.isEmpty() ? "the only point of its worker to be timed"
                : "the only point of its worker that memory allowed to keep prepared";
        measure(held, sink, interleaved, alone);
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
