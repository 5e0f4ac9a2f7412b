package org.opbench.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private volatile WorkerProcess current;
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

    /** Records every unit of {@code job} as not measured (e.g. its backend is unavailable here). */
    public <J extends Job<J>> void notMeasured(J job, Client<J> client, Status status, String reason) {
        for (int unit : job.units()) {
            client.notMeasured(job, unit, status, reason);
        }
    }

    /** Stops: kills the current worker; the unit in flight is not recorded. */
    public void abort() {
        aborted = true;
        WorkerProcess w = current;
        if (w != null) {
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
        try (WorkerProcess w = WorkerProcess.start(job, spec, env)) {
            current = w;
            while (true) {
                Frame frame;
                try {
                    frame = w.next(spec.pointTimeoutMs());
                } catch (WorkerProcess.TimeoutExceeded e) {
                    w.kill();
                    if (aborted) {
                        return job.withUnits(List.of());
                    }
                    return charge(job, client, inFlight, next, settled, Status.TIMEOUT, "no result within "
                            + spec.pointTimeoutMs() + " ms (" + limitOption + "); worker " + w.pid() + " killed",
                            " timed out");
                }
                if (frame == null) {
                    String exit = w.exitDescription();
                    if (aborted) {
                        return job.withUnits(List.of());
                    }
                    String tail = w.stderrTail(12);
                    if (!started) { // nothing will go better with a new one
                        notMeasured(job, client, Status.FAILED, "worker failed to start: " + exit
                                + (tail.isEmpty() ? "" : "\n" + tail));
                        return job.withUnits(List.of());
                    }
                    Integer code = w.exitCode();
                    boolean killed = code != null && code == SIGKILL_EXIT;
                    String reason = killed ? "worker killed by SIGKILL (the kernel's out-of-memory killer ends a "
                            + "process so when memory runs out); " + exit : exit + (tail.isEmpty() ? "" : "\n" + tail);
                    return charge(job, client, inFlight, next, settled, killed ? Status.SKIPPED : Status.FAILED, reason,
                            " ended its worker (" + exit + ")");
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
            current = null;
        }
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
