package org.opbench.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.Status;

/** The one rule for a worker that ends early, checked with real worker JVMs that exit, are killed or hang. */
class SupervisorTest {

    /** What the client was told, one entry per unit. */
    static final class Recorded implements Client<ScriptedJob> {
        final List<Integer> units = new ArrayList<>();
        final List<Status> statuses = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<Long> pids = new ArrayList<>();
        final List<String> notices = new ArrayList<>();

        @Override
        public void record(ScriptedJob job, int unit, JsonNode record) {
            assertEquals(unit, record.get("unit").asInt());
            units.add(unit);
            statuses.add(Status.OK);
            reasons.add(null);
            pids.add(record.get("pid").asLong());
        }

        @Override
        public void notMeasured(ScriptedJob job, int unit, Status status, String reason) {
            units.add(unit);
            statuses.add(status);
            reasons.add(reason);
            pids.add(null);
        }

        @Override
        public String describe(ScriptedJob job, int unit) {
            return "unit " + unit;
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    }

    private static WorkerSpec spec(Path cache, long timeoutMs) {
        return WorkerSpec.defaults(cache, timeoutMs);
    }

    @Test
    void eachDeathGetsItsStatusAndANewWorkerGoesOn(@TempDir Path cache) throws InterruptedException {
        Recorded c = new Recorded();
        new Supervisor(spec(cache, 15_000)).run(ScriptedJob.of("ok", "exit", "ok", "kill", "ok", "hang", "ok"),
                java.util.Map.of(), c);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), c.units);
        assertEquals(List.of(Status.OK, Status.FAILED, Status.OK, Status.SKIPPED, Status.OK, Status.TIMEOUT,
                Status.OK), c.statuses);
        assertTrue(c.reasons.get(1).startsWith("worker exited with code 7") && c.reasons.get(1).contains("boom at unit 1"),
                c.reasons.get(1));
        assertTrue(c.reasons.get(3).contains("SIGKILL") && c.reasons.get(3).contains("out-of-memory killer"),
                c.reasons.get(3));
        assertTrue(c.reasons.get(5).contains("no result within 15000 ms (--point-timeout)"), c.reasons.get(5));
        assertNotEquals(c.pids.get(0), c.pids.get(2), "a new worker after the death");
        assertNotEquals(c.pids.get(2), c.pids.get(4), "a new worker after the death");
        assertNotEquals(c.pids.get(4), c.pids.get(6), "a new worker after the timeout");
        assertEquals(3, c.notices.size(), c.notices.toString());
        assertTrue(c.notices.get(2).startsWith("unit 5 timed out; starting a new worker"), c.notices.toString());
    }

    @Test
    void aWorkerThatDiesBeforeItsFirstUnitFailsEveryUnit(@TempDir Path cache) throws InterruptedException {
        Recorded c = new Recorded();
        new Supervisor(spec(cache, 60_000)).run(ScriptedJob.of("early", "ok", "ok"), java.util.Map.of(), c);
        assertEquals(List.of(0, 1, 2), c.units);
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.FAILED, c.statuses.get(i));
            assertTrue(c.reasons.get(i).startsWith("worker failed to start: worker exited with code 5"),
                    c.reasons.get(i));
        }
    }

    @Test
    void inProcessGoesThroughTheSameClient(@TempDir Path cache) throws InterruptedException {
        Recorded c = new Recorded();
        new Supervisor(spec(cache, 60_000).inProcess(true)).run(ScriptedJob.of("ok", "ok"), java.util.Map.of(), c);
        assertEquals(List.of(0, 1), c.units);
        assertEquals(List.of(ProcessHandle.current().pid(), ProcessHandle.current().pid()), c.pids);
    }

    @Test
    void workersReadOnlyJobClasses() throws IOException {
        Job<?> job = WorkerMain.read(ScriptedJob.class.getName(),
                new StringReader("{\"units\":[1],\"actions\":[\"ok\",\"ok\"]}"));
        assertEquals(List.of(1), job.units());
        IOException e = assertThrows(IOException.class, () -> WorkerMain.read(String.class.getName(),
                new StringReader("\"x\"")));
        assertTrue(e.getMessage().contains("is not a " + Job.class.getName()), e.getMessage());
    }

    @Test
    void framesRoundTrip() throws IOException {
        JsonNode record = org.opbench.result.Json.mapper().createObjectNode().put("a", 1);
        for (Frame f : List.of(new Frame.Start(3), new Frame.Record(3, record), new Frame.Done())) {
            assertEquals(f, Frame.parse(f.line()));
        }
        assertEquals(null, Frame.parse("a native library's line"));
    }

    /** What the clients of an interleaved batch were told, one entry per unit, over every group. */
    static final class Served implements Client<ScriptedServedJob> {
        final List<String> units = new ArrayList<>(); // group:unit
        final List<Status> statuses = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final java.util.Map<String, JsonNode> records = new java.util.HashMap<>();

        @Override
        public void record(ScriptedServedJob job, int unit, JsonNode record) {
            units.add(job.name() + ":" + unit);
            statuses.add(Status.OK);
            reasons.add(null);
            records.put(job.name() + ":" + unit, record);
        }

        @Override
        public void notMeasured(ScriptedServedJob job, int unit, Status status, String reason) {
            units.add(job.name() + ":" + unit);
            statuses.add(status);
            reasons.add(reason);
        }

        @Override
        public String describe(ScriptedServedJob job, int unit) {
            return job.name() + " unit " + unit;
        }

        @Override
        public void notice(String message) {
        }

        /** The group of each step, in the order the supervisor gave them. */
        List<String> groupsInOrder() {
            java.util.TreeMap<Integer, String> bySeq = new java.util.TreeMap<>();
            records.forEach((key, r) -> r.get("seq").forEach(q -> assertEquals(null,
                    bySeq.put(q.asInt(), key.substring(0, key.indexOf(':'))), "each place given once")));
            return new ArrayList<>(bySeq.values());
        }

        java.util.Map<String, String> seqs() {
            java.util.Map<String, String> m = new java.util.TreeMap<>();
            records.forEach((k, r) -> m.put(k, r.get("seq").toString()));
            return m;
        }
    }

    private static Served interleave(Path cache, long seed, ScriptedServedJob... jobs) throws InterruptedException {
        Served c = new Served();
        List<Supervisor.Group<ScriptedServedJob>> groups = new ArrayList<>();
        for (ScriptedServedJob j : jobs) {
            groups.add(new Supervisor.Group<>(j, java.util.Map.of(), c));
        }
        new Supervisor(spec(cache, 60_000)).runInterleaved(groups, seed);
        return c;
    }

    private static ScriptedServedJob served(String name, int... dieAt) {
        return new ScriptedServedJob(name, List.of(0, 1, 2), 4,
                java.util.Arrays.stream(dieAt).boxed().toList());
    }

    @Test
    void stepsOfTwoWorkersAlternateInOneSeededOrderAndNeverOverlap(@TempDir Path cache) throws InterruptedException {
        Served a = interleave(cache, 42, served("A"), served("B"));
        assertEquals(6, a.records.size(), a.reasons.toString());
        List<String> order = a.groupsInOrder();
        assertEquals(24, order.size());
        int switches = 0;
        for (int i = 1; i < order.size(); i++) {
            switches += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
        }
        assertTrue(switches >= 6, "the two workers' steps alternate, not one block after the other: " + order);
        // one worker runs at a time: no two steps' windows overlap, across the two worker processes
        List<long[]> windows = new ArrayList<>();
        a.records.values().forEach(r -> {
            JsonNode w = r.get("window");
            for (int i = 0; i < w.size(); i += 2) {
                windows.add(new long[] {w.get(i).asLong(), w.get(i + 1).asLong()});
            }
        });
        windows.sort(java.util.Comparator.comparingLong(w -> w[0]));
        for (int i = 1; i < windows.size(); i++) {
            assertTrue(windows.get(i)[0] >= windows.get(i - 1)[1], "step " + i + " began before the one before it ended");
        }
        assertEquals(2, a.records.values().stream().map(r -> r.get("pid").asLong()).distinct().count());
        assertEquals(a.seqs(), interleave(cache, 42, served("A"), served("B")).seqs(), "the same seed, the same order");
        assertNotEquals(a.seqs(), interleave(cache, 43, served("A"), served("B")).seqs(), "another seed, another order");
    }

    @Test
    void aWorkerThatDiesMidStepCostsOnlyThatUnitAndANewWorkerTakesTheRest(@TempDir Path cache)
            throws InterruptedException {
        Served c = interleave(cache, 7, served("A", 1), served("B"));
        assertEquals(6, c.units.size(), c.units.toString());
        assertEquals(6, new java.util.HashSet<>(c.units).size(), "each unit once: " + c.units);
        for (int i = 0; i < c.units.size(); i++) {
            if (c.units.get(i).equals("A:1")) {
                assertEquals(Status.FAILED, c.statuses.get(i));
                assertTrue(c.reasons.get(i).contains("exited with code 7"), c.reasons.get(i));
            } else {
                assertEquals(Status.OK, c.statuses.get(i), c.units.get(i) + ": " + c.reasons.get(i));
            }
        }
        assertEquals(1, java.util.stream.Stream.of("B:0", "B:1", "B:2").map(u -> c.records.get(u).get("pid").asLong())
                .distinct().count(), "the other group's worker lives on");
        assertEquals(4, c.records.get("A:2").get("seq").size(), "a new worker runs every step of the units left");
    }
}
