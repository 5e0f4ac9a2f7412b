package org.opbench.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.measure.RoundOrder;
import org.opbench.result.Json;
import org.opbench.result.Status;

/**
 * Runs jobs of any kind in worker JVMs (or in this JVM when the spec says in-process) and applies the one rule for
 * a worker that ends early, for every job kind: a unit past the time limit is {@code timeout} (its worker killed);
 * a worker killed by SIGKILL (what the kernel's out-of-memory killer sends) makes its unit {@code skipped} with a
 * reason that says so; any other death makes it {@code failed} with the exit and the last lines of standard
 * error; a worker that dies before its first unit makes every remaining unit {@code failed} ("worker failed to
 * start"). After a death a new worker continues with the units after the one charged.
 */
public final class Supervisor {
    static final int SIGKILL_EXIT = 128 + 9;

    private final WorkerSpec spec;
    private final String limitOption;
    private final Set<WorkerProcess> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    /** A supervisor whose time limit per unit is {@code spec.pointTimeoutMs()}, set by {@code --point-timeout}. */
    public Supervisor(WorkerSpec spec) {
        this(spec, "--point-timeout");
    }

    /** A supervisor whose time limit per unit is set by the option {@code limitOption} (named in reasons). */
    public Supervisor(WorkerSpec spec, String limitOption) {
        this.spec = spec;
        this.limitOption = limitOption;
    }

    public WorkerSpec spec() {
        return spec;
    }

    /** Runs every unit of {@code job}, in workers with {@code environment} added to theirs. */
    public <J extends Job<J>> void run(J job, Map<String, String> environment, Client<J> client)
            throws InterruptedException {
        if (job.units().isEmpty() || aborted) {
            return;
        }
        if (spec.inProcess()) {
            job.execute(new Sink() {
                @Override
                public void start(int unit) {
                }

                @Override
                public void record(int unit, Object record) {
                    try {
                        client.record(job, unit, Json.mapper().valueToTree(record));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void done() {
                }
            });
            return;
        }
        J remaining = job;
        while (!remaining.units().isEmpty() && !aborted) {
            remaining = runWorker(remaining, environment, client);
        }
    }

    /** One job of an interleaved batch: a served job, its workers' environment and its client. */
    public record Group<J extends ServedJob<J>>(J job, Map<String, String> environment, Client<J> client) {
    }

    /**
     * Runs {@code groups} with their steps interleaved across workers: one served worker per group, all alive at
     * once (started one after another, each preparing its units and then waiting on a read), and ONE order of
     * every step of every worker's units, shuffled with {@code seed} ({@link RoundOrder}); the supervisor sends one
     * worker one step at a time and blocks on that worker's answer, so only one worker runs at any moment. A step
     * a worker wants again goes to a random later place of the order. A worker that dies or passes the time limit
     * costs the unit whose step was running (the one rule, {@link #run}); a new worker prepares the group's units
     * not yet recorded and their steps go to random later places. At the end each worker in turn is told to
     * finish (what it left for the end runs then, alone). In-process specs are refused: use {@link #run}.
     */
    public <J extends ServedJob<J>> void runInterleaved(List<Group<J>> groups, long seed) throws InterruptedException {
        if (spec.inProcess()) {
            throw new IllegalStateException("interleaving across workers needs worker processes");
        }
        List<Live<J>> lives = new ArrayList<>();
        try {
            for (Group<J> g : groups) {
                if (aborted) {
                    return;
                }
                Live<J> live = new Live<>(g);
                lives.add(live);
                live.startReady();
            }
            List<Step> entries = new ArrayList<>();
            for (int i = 0; i < lives.size(); i++) {
                for (int unit : lives.get(i).ready) {
                    for (int k = 0; k < lives.get(i).steps; k++) {
                        entries.add(new Step(i, unit));
                    }
                }
            }
            RoundOrder<Step> order = new RoundOrder<>(seed, entries);
            for (Step e = order.next(); e != null && !aborted; e = order.next()) {
                Live<J> live = lives.get(e.group());
                if (!live.waiting(e.unit())) {
                    continue;
                }
                Frame f = live.step(e.unit(), order.position());
                if (f instanceof Frame.Stepped st && st.again()) {
                    order.insertLater(e);
                } else if (f == null) { // the worker ended, its unit is charged: a new one takes the group's others
                    int dead = e.group();
                    order.removeLater(x -> x.group() == dead);
                    live.startReady();
                    for (int unit : live.ready) {
                        for (int k = 0; k < live.steps; k++) {
                            order.insertLater(new Step(e.group(), unit));
                        }
                    }
                }
            }
            for (Live<J> live : lives) {
                if (!aborted) {
                    live.finish();
                }
            }
        } finally {
            for (Live<J> live : lives) {
                live.close();
            }
        }
    }

    /** An entry of the order across workers: a step of {@code unit} of the group at {@code group}. */
    private record Step(int group, int unit) {
    }

    /** The served worker of one group, replaced when it dies, and what it was given and has settled. */
    private final class Live<J extends ServedJob<J>> {
        final Group<J> group;
        J job; // the units given to the current worker
        WorkerProcess worker;
        Set<Integer> settled = new HashSet<>();
        Integer inFlight;
        boolean started;
        List<Integer> ready = List.of();
        int steps;

        Live(Group<J> group) {
            this.group = group;
            this.job = group.job();
        }

        /** Whether {@code unit} waits for steps in the current worker. */
        boolean waiting(int unit) {
            return worker != null && ready.contains(unit) && !settled.contains(unit);
        }

        /** Starts workers on the job's units until one is ready (or nothing is left to measure). */
        void startReady() throws InterruptedException {
            ready = List.of();
            while (!job.units().isEmpty() && !aborted) {
                settled = new HashSet<>();
                inFlight = null;
                started = false;
                try {
                    worker = WorkerProcess.start(job, spec, group.environment(), true);
                } catch (IOException e) {
                    notMeasured(job, group.client(), Status.FAILED, "worker failed to start: cannot run worker: "
                            + e.getMessage());
                    job = job.withUnits(List.of());
                    return;
                }
                running.add(worker);
                if (await(f -> f instanceof Frame.Ready) instanceof Frame.Ready r) {
                    ready = r.units();
                    steps = r.steps();
                    return;
                }
            }
        }

        /** Runs one step of {@code unit}: the worker's answer (stepped, or the unit's record), null if it ended. */
        Frame step(int unit, int seq) throws InterruptedException {
            inFlight = unit; // charged to this unit even if the worker dies before it says so
            worker.send(new Command.Step(unit, seq));
            Frame f = await(x -> x instanceof Frame.Stepped s && s.unit() == unit
                    || x instanceof Frame.Record r && r.unit() == unit);
            if (f instanceof Frame.Stepped) {
                inFlight = null;
            }
            return f;
        }

        /** Tells the worker to finish; units it could not finish go to plain workers ({@link #run}). */
        void finish() throws InterruptedException {
            if (worker != null) {
                worker.send(new Command.Finish());
                if (await(f -> f instanceof Frame.Done) != null) {
                    job = job.withUnits(List.of());
                }
                close();
            }
            if (!job.units().isEmpty() && !aborted) {
                run(job, group.environment(), group.client());
            }
        }

        /**
         * Reads the worker's frames (records go to the client) until one {@code until} accepts, which is returned;
         * null when the worker ended or passed the time limit, after the one rule has charged its unit ({@code job}
         * is then what is left).
         */
        Frame await(java.util.function.Predicate<Frame> until) throws InterruptedException {
            while (true) {
                Frame frame;
                try {
                    frame = worker.next(spec.pointTimeoutMs());
                } catch (WorkerProcess.TimeoutExceeded e) {
                    job = ended(job, group.client(), worker, inFlight, 0, settled, started, true);
                    close();
                    return null;
                } catch (IOException e) {
                    job = ended(job, group.client(), worker, inFlight, 0, settled, started, false);
                    close();
                    return null;
                }
                if (frame == null) {
                    job = ended(job, group.client(), worker, inFlight, 0, settled, started, false);
                    close();
                    return null;
                }
                started = true;
                if (frame instanceof Frame.Start s) {
                    inFlight = s.unit();
                } else if (frame instanceof Frame.Record r) {
                    try {
                        group.client().record(job, r.unit(), r.record());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (settled.add(r.unit()) && inFlight != null && inFlight == r.unit()) {
                        inFlight = null;
                    }
                }
                if (until.test(frame)) {
                    return frame;
                }
            }
        }

        void close() {
            if (worker != null) {
                worker.close();
                running.remove(worker);
                worker = null;
            }
        }
    }

    /** Records every unit of {@code job} as not measured (e.g. its backend is unavailable here). */
    public <J extends Job<J>> void notMeasured(J job, Client<J> client, Status status, String reason) {
        for (int unit : job.units()) {
            client.notMeasured(job, unit, status, reason);
        }
    }

    /** Stops: kills the running workers; the units in flight are not recorded. */
    public void abort() {
        aborted = true;
        for (WorkerProcess w : running) {
            w.kill();
        }
    }

    public boolean aborted() {
        return aborted;
    }

    /** Runs one worker over {@code job}; the job of the units still to do when it ended early. */
    private <J extends Job<J>> J runWorker(J job, Map<String, String> env, Client<J> client)
            throws InterruptedException {
        List<Integer> units = job.units();
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            position.put(units.get(i), i);
        }
        Set<Integer> settled = new HashSet<>();
        int next = 0; // position in units of the first unit after the last settled one
        Integer inFlight = null;
        boolean started = false;
        WorkerProcess worker = null;
        try (WorkerProcess w = WorkerProcess.start(job, spec, env)) {
            worker = w;
            running.add(w);
            while (true) {
                Frame frame;
                try {
                    frame = w.next(spec.pointTimeoutMs());
                } catch (WorkerProcess.TimeoutExceeded e) {
                    return ended(job, client, w, inFlight, next, settled, started, true);
                }
                if (frame == null) {
                    return ended(job, client, w, inFlight, next, settled, started, false);
                }
                if (frame instanceof Frame.Start s) {
                    started = true;
                    inFlight = s.unit();
                } else if (frame instanceof Frame.Record r) {
                    started = true;
                    client.record(job, r.unit(), r.record());
                    if (settled.add(r.unit())) {
                        next = position.getOrDefault(r.unit(), units.size() - 1) + 1;
                        if (inFlight != null && inFlight == r.unit()) {
                            inFlight = null;
                        }
                    }
                } else {
                    return job.withUnits(List.of());
                }
            }
        } catch (IOException e) {
            if (!started) {
                notMeasured(job, client, Status.FAILED, "worker failed to start: cannot run worker: " + e.getMessage());
                return job.withUnits(List.of());
            }
            return charge(job, client, inFlight, next, settled, Status.FAILED, "cannot run worker: " + e.getMessage(),
                    " could not be run");
        } finally {
            if (worker != null) {
                running.remove(worker);
            }
        }
    }

    /**
     * The one rule for a worker that ended early ({@code timedOut}: killed here past the time limit), for a plain
     * and a served worker alike: the unit charged, its record, and the job of the units still to do.
     */
    private <J extends Job<J>> J ended(J job, Client<J> client, WorkerProcess w, Integer inFlight, int next,
                                       Set<Integer> settled, boolean started, boolean timedOut)
            throws InterruptedException {
        if (timedOut) {
            w.kill();
            if (aborted) {
                return job.withUnits(List.of());
            }
            return charge(job, client, inFlight, next, settled, Status.TIMEOUT, "no result within "
                    + spec.pointTimeoutMs() + " ms (" + limitOption + "); worker " + w.pid() + " killed",
                    " timed out");
        }
        String exit = w.exitDescription();
        if (aborted) {
            return job.withUnits(List.of());
        }
        String tail = w.stderrTail(12);
        if (!started) { // nothing will go better with a new one
            for (int unit : job.units()) {
                if (!settled.contains(unit)) {
                    client.notMeasured(job, unit, Status.FAILED, "worker failed to start: " + exit
                            + (tail.isEmpty() ? "" : "\n" + tail));
                }
            }
            return job.withUnits(List.of());
        }
        Integer code = w.exitCode();
        boolean killed = code != null && code == SIGKILL_EXIT;
        String reason = killed ? "worker killed by SIGKILL (the kernel's out-of-memory killer ends a "
                + "process so when memory runs out); " + exit : exit + (tail.isEmpty() ? "" : "\n" + tail);
        return charge(job, client, inFlight, next, settled, killed ? Status.SKIPPED : Status.FAILED, reason,
                " ended its worker (" + exit + ")");
    }

    /**
     * Records the unit a worker ended on (the one in flight, else the first unit not yet settled) with
     * {@code status}; the units not yet settled besides it are what a new worker continues with. A job that runs
     * its units one after another has settled every unit before the charged one; one that interleaves them (an
     * operator job's rounds) announces the unit of each round with {@link Sink#start}, so the unit charged is the
     * one whose round was running, and the others it had not yet recorded go to the new worker.
     */
    private <J extends Job<J>> J charge(J job, Client<J> client, Integer inFlight, int next, Set<Integer> settled,
                                        Status status, String reason, String what) {
        List<Integer> units = job.units();
        List<Integer> unsettled = units.stream().filter(u -> !settled.contains(u)).toList();
        boolean beyond = !units.containsAll(settled); // the job reported units of its own (auto batch): none left
        int unit;
        if (inFlight != null) {
            unit = inFlight;
        } else if (!beyond && !unsettled.isEmpty()) {
            unit = unsettled.get(0);
        } else if (beyond && next < units.size()) {
            unit = units.get(next);
        } else {
            client.notice("a worker ended after its last unit: " + reason.lines().findFirst().orElse(""));
            return job.withUnits(List.of());
        }
        client.notMeasured(job, unit, status, reason);
        int at = units.indexOf(unit);
        List<Integer> rest = at < 0 ? List.of()
                : beyond ? units.subList(at + 1, units.size()) : unsettled.stream().filter(u -> u != unit).toList();
        client.notice(client.describe(job, unit) + what + (rest.isEmpty() ? "" : "; starting a new worker"));
        return job.withUnits(List.copyOf(rest));
    }
}
