package org.opbench.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opbench.spi.BackendException;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;

/**
 * Times the points of one worker group in rounds, interleaved (issue 15). Each point's budget (
 * {@link MeasureSettings#minReps()}, {@code minTimeMs}, {@code maxTimeMs}, {@code maxReps}) is split evenly over
 * {@link MeasureSettings#rounds()} rounds, and the rounds of all points run in one order shuffled by a seeded
 * {@link Random}, so that an episode of noise on the machine spreads over many points instead of ruining one.
 *
 * <p>Before its rounds, each point is warmed up through the very loop that times it, until
 * {@code warmupReps}/{@code warmupMs} are reached and the JVM's total JIT compilation time has stopped growing
 * (bounded: at most {@value #JIT_CHUNKS} extra chunks of half the warm-up). Before each round, one untimed run
 * brings the point's data back into the caches after the other points' rounds. A round: the observer's
 * {@link RoundObserver#beforeRound()}, the timed repetitions into arrays allocated before (nothing is allocated
 * between two clock reads), {@link RoundObserver#afterRound}. A round the observer calls disturbed is dropped and run
 * again at a random later place in the order, at most {@code rounds} times per point; after that a disturbed round
 * is kept and counted. With a CI target, a point whose interval is still wider gets more rounds (one at a time, at a
 * random later place) until it is narrow enough, {@code maxTimeMs} of its timed time is spent, or
 * {@link MeasureSettings#MAX_ROUNDS} is reached.
 */
public final class RoundHarness {
    static final int JIT_CHUNKS = 8;

    /** What the worker does between rounds: never inside a timed region. */
    public interface Listener {
        /** A round (or the warm-up) of point {@code point} is about to run. */
        void starting(int point);

        /** Point {@code point} has run its last round. */
        void done(int point, RoundSamples samples);

        /** Point {@code point} threw while running; it is not run again. */
        void failed(int point, Exception error);
    }

    private final MeasureSettings settings;
    private final RoundObserver observer;
    private final CacheEvictor evictor;
    private final int roundReps;
    private final int roundMinReps;
    private final long roundMinNs;
    private final long roundMaxNs;

    public RoundHarness(MeasureSettings settings, RoundObserver observer) {
        this.settings = settings;
        this.observer = observer;
        this.evictor = settings.coldCache() ? new CacheEvictor() : null;
        int r = settings.rounds();
        this.roundMinReps = ceilDiv(settings.minReps(), r);
        this.roundReps = Math.max(roundMinReps, ceilDiv(settings.maxReps(), r));
        this.roundMinNs = (long) (settings.minTimeMs() * 1e6 / r);
        this.roundMaxNs = Math.max(1, (long) (settings.maxTimeMs() * 1e6 / r));
    }

    /** Repetitions at most per round: {@code maxReps / rounds}, rounded up, at least the per-round minimum. */
    public int roundReps() {
        return roundReps;
    }

    /** The state of one point across its rounds; arrays grow only between rounds. */
    private final class Point {
        final int index;
        final PreparedOp op;
        final boolean device;
        long[] timed;
        long[] wall;
        int[] run; // which round run each sample belongs to (a dropped run's samples are filtered out at the end)
        int n;
        final List<Disturbance> noise = new ArrayList<>();
        final List<Boolean> kept = new ArrayList<>();
        final List<Integer> seq = new ArrayList<>(); // each round run's place in the order that ran it
        int keptRounds;
        int reruns;
        int pending;
        long warmupNs;
        long timedNs;
        boolean finished;

        Point(int index, PreparedOp op) {
            this.index = index;
            this.op = op;
            this.device = op.clock() == Clock.DEVICE;
            int capacity = roundReps * settings.rounds();
            this.timed = new long[capacity];
            this.wall = device ? new long[capacity] : timed;
            this.run = new int[capacity];
        }

        void ensureRoom() {
            if (n + roundReps > timed.length) {
                int capacity = Math.max(n + roundReps, timed.length * 2);
                timed = Arrays.copyOf(timed, capacity);
                wall = device ? Arrays.copyOf(wall, capacity) : timed;
                run = Arrays.copyOf(run, capacity);
            }
        }

        RoundSamples samples() {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (kept.get(run[i])) {
                    count++;
                }
            }
            long[] t = new long[count];
            long[] w = device ? new long[count] : t;
            int[] round = new int[count];
            int[] renumber = new int[kept.size()];
            List<Disturbance> keptNoise = new ArrayList<>();
            int[] keptSeq = new int[keptRounds];
            for (int r = 0, k = 0; r < kept.size(); r++) {
                if (kept.get(r)) {
                    keptSeq[k] = seq.get(r);
                    renumber[r] = k++;
                    keptNoise.add(noise.get(r));
                }
            }
            for (int i = 0, j = 0; i < n; i++) {
                if (kept.get(run[i])) {
                    t[j] = timed[i];
                    if (device) {
                        w[j] = wall[i];
                    }
                    round[j++] = renumber[run[i]];
                }
            }
            return new RoundSamples(device ? Clock.DEVICE : Clock.WALL, t, w, round, keptRounds, keptNoise, noise,
                    reruns, warmupNs, timedNs, keptSeq);
        }
    }

    /**
     * Warms up and times {@code ops} (indexed by their position) in interleaved rounds, reporting each point to
     * {@code listener} as it finishes. {@code seed} fixes the order of the rounds ({@link RoundOrder}).
     */
    public void run(List<PreparedOp> ops, long seed, Listener listener) {
        Stepper stepper = stepper();
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            int point = stepper.add(ops.get(i));
            listener.starting(point);
            try {
                stepper.warmUp(point);
                ready.add(point);
            } catch (BackendException | RuntimeException e) {
                stepper.points.get(point).finished = true;
                listener.failed(point, e);
            }
        }
        RoundOrder<Integer> order = new RoundOrder<>(seed, ready, settings.rounds());
        for (Integer point = order.next(); point != null; point = order.next()) {
            if (stepper.points.get(point).finished) {
                continue;
            }
            listener.starting(point);
            Step step;
            try {
                step = stepper.round(point, order.position());
            } catch (BackendException | RuntimeException e) {
                listener.failed(point, e);
                continue;
            }
            if (step == Step.AGAIN) {
                order.insertLater(point);
            } else if (step == Step.DONE) {
                listener.done(point, stepper.samples(point));
            }
        }
    }

    /** What a round of a point leaves to do. */
    public enum Step {
        /** The round is kept; the point's other rounds are already in the order. */
        KEPT,
        /** The point needs one more round at a random later place: this one was disturbed, or the CI is too wide. */
        AGAIN,
        /** That was the point's last round: its samples are ready. */
        DONE
    }

    /** A stepper for points whose order someone else holds (a worker serving the driver's order across workers). */
    public Stepper stepper() {
        return new Stepper();
    }

    /**
     * Points warmed up and timed one round at a time, in an order the caller chooses: {@link #run} with its own
     * {@link RoundOrder}, or a worker that runs the round the sweep driver names. The decisions (which round is
     * dropped and run again, when a CI target wants another, when a point is done) are made here, for both.
     */
    public final class Stepper {
        private final List<Point> points = new ArrayList<>();

        /** Adds a point; returns its index. */
        public int add(PreparedOp op) {
            Point p = new Point(points.size(), op);
            p.pending = settings.rounds();
            points.add(p);
            return p.index;
        }

        /** Rounds each point is given before re-runs and CI-target rounds. */
        public int rounds() {
            return settings.rounds();
        }

        /** Warms up point {@code point} through the loop that times it (see the class comment). */
        public void warmUp(int point) throws BackendException {
            RoundHarness.this.warmUp(points.get(point));
        }

        /**
         * Runs one round of point {@code point}, {@code seq} being its place in the order that runs it (kept in the
         * samples); a point that throws is finished (not run again).
         */
        public Step round(int point, int seq) throws BackendException {
            Point p = points.get(point);
            if (p.finished) {
                throw new IllegalStateException("point " + point + " has no round left");
            }
            p.pending--;
            Disturbance d;
            try {
                d = RoundHarness.this.round(p, seq);
            } catch (BackendException | RuntimeException e) {
                p.finished = true;
                throw e;
            }
            boolean rerun = d.disturbed() && p.reruns < settings.rounds();
            p.kept.add(!rerun);
            if (rerun) {
                p.reruns++;
                p.pending++;
                return Step.AGAIN;
            }
            p.keptRounds++;
            if (p.pending == 0 && wantsMore(p)) {
                p.pending++;
                return Step.AGAIN;
            }
            if (p.pending == 0) {
                p.finished = true;
                return Step.DONE;
            }
            return Step.KEPT;
        }

        /** The samples of the kept rounds of point {@code point}. */
        public RoundSamples samples(int point) {
            return points.get(point).samples();
        }
    }

    /** With a CI target: whether the point's interval is still too wide and it has budget left for a round. */
    private boolean wantsMore(Point p) {
        if (settings.targetCi() == null || p.keptRounds >= MeasureSettings.MAX_ROUNDS) {
            return false;
        }
        if (p.timedNs + roundMinNs > settings.maxTimeMs() * 1e6) {
            return false;
        }
        RoundSamples s = p.samples();
        RoundStats stats = RoundStats.of(Stats.micros(s.timed()), s.round(), s.rounds());
        return stats.ciPct() == null || stats.ciPct() > settings.targetCi() * 100;
    }

    private void warmUp(Point p) throws BackendException {
        long start = System.nanoTime();
        long warmNs = (long) (settings.warmupMs() * 1e6);
        long capNs = Math.max(warmNs, (long) (settings.maxTimeMs() * 1e6));
        int reps = 0;
        long spent = 0;
        do {
            int end = loop(p.op, p.timed, p.wall, p.device, 0, roundReps, 1, Long.MAX_VALUE, Math.max(1, warmNs - spent));
            reps += end;
            spent = System.nanoTime() - start;
        } while ((reps < settings.warmupReps() || spent < warmNs) && spent < capNs);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            long chunkNs = Math.max(warmNs / 2, 1_000_000);
            for (int i = 0; i < JIT_CHUNKS && System.nanoTime() - start < capNs; i++) {
                long before = jit.getTotalCompilationTime();
                loop(p.op, p.timed, p.wall, p.device, 0, roundReps, 1, Long.MAX_VALUE, chunkNs);
                if (jit.getTotalCompilationTime() == before) {
                    break;
                }
            }
        }
        p.warmupNs += System.nanoTime() - start;
    }

    private Disturbance round(Point p, int seq) throws BackendException {
        p.ensureRoom();
        observer.beforeRound(); // first: its core canary evicts the caches the untimed run below refills
        long s0 = System.nanoTime();
        p.op.run(); // untimed: the point's data back into the caches after other points' rounds
        p.warmupNs += System.nanoTime() - s0;
        int from = p.n;
        long t0 = System.nanoTime();
        int end = loop(p.op, p.timed, p.wall, p.device, from, roundReps, roundMinReps, roundMinNs, roundMaxNs);
        long roundNs = System.nanoTime() - t0;
        Disturbance d = observer.afterRound(roundNs);
        for (int i = from; i < end; i++) {
            p.timedNs += p.wall[i];
        }
        Arrays.fill(p.run, from, end, p.noise.size());
        p.noise.add(d == null ? Disturbance.UNKNOWN : d);
        p.seq.add(seq);
        p.n = end;
        return d == null ? Disturbance.UNKNOWN : d;
    }

    /**
     * The timed loop: repetitions from {@code from}, at most {@code cap}, until both {@code minReps} and
     * {@code minNs} are reached or {@code maxNs} is spent. Returns the index after the last sample.
     */
    private int loop(PreparedOp op, long[] timed, long[] wall, boolean device, int from, int cap, int minReps,
                     long minNs, long maxNs) throws BackendException {
        return loop(op, evictor, timed, wall, device, from, cap, minReps, minNs, maxNs);
    }

    /**
     * The one timed loop (also {@link Harness}'s): repetitions into {@code timed}/{@code wall} from index {@code from},
     * at most {@code cap}, until {@code minReps} and {@code minNs} or {@code maxNs}; nothing is allocated. Returns the
     * index after the last repetition.
     */
    static int loop(PreparedOp op, CacheEvictor ev, long[] timed, long[] wall, boolean device, int from, int cap,
                    int minReps, long minNs, long maxNs) throws BackendException {
        long elapsed = 0;
        int n = from;
        int end = from + cap;
        while (n < end) {
            if (ev != null) {
                ev.evict();
            }
            long t0 = System.nanoTime();
            op.run();
            long t1 = System.nanoTime();
            wall[n] = t1 - t0;
            if (device) {
                timed[n] = op.lastDeviceNanos();
            }
            elapsed += t1 - t0;
            n++;
            if (elapsed >= maxNs || (n - from >= minReps && elapsed >= minNs)) {
                break;
            }
        }
        return n;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
