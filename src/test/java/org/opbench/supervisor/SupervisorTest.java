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
}
