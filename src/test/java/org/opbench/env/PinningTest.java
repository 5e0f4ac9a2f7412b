package org.opbench.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinningTest {
    @Test
    void cpuListsParseAndFormat() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), Pinning.parse("0-3,8,10-11"));
        assertEquals("0-3,8,10-11", Pinning.format(List.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals("5", Pinning.format(List.of(5)));
        assertThrows(NumberFormatException.class, () -> Pinning.parse("0-x"));
    }

    @Test
    void workersGetTheHighestCpusAndTheDriverTheRest() {
        Pinning.Plan p = Pinning.plan(List.of(0, 1, 2, 3), 2);
        assertEquals(List.of(2, 3), p.workerCpus());
        assertEquals(List.of(0, 1), p.driverCpus());
        assertEquals(List.of("env", "OMP_PLACES=cores", "OMP_PROC_BIND=close", "OPBENCH_PINNED_CPUS=2-3",
                "OPBENCH_JVM_THREAD_CPUS=0-1", "/usr/bin/taskset", "-c", "2-3"), p.launcher("/usr/bin/taskset"));
        Pinning.Plan all = Pinning.plan(List.of(0, 1), 2);
        assertEquals(List.of(), all.driverCpus());
        assertEquals(List.of("env", "OMP_PLACES=cores", "OMP_PROC_BIND=close", "OPBENCH_PINNED_CPUS=0-1",
                "/usr/bin/taskset", "-c", "0-1"), all.launcher("/usr/bin/taskset"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pinning.plan(List.of(0, 1),
                3));
        assertEquals("--pin: 3 threads but only 2 CPUs (0-1) to pin them to", e.getMessage());
    }

    @Test
    void allowedCpusFromStatus(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nCpus_allowed:\t0c\nCpus_allowed_list:\t2-3\nMems_allowed_list:\t0\n");
        assertEquals(List.of(2, 3), Pinning.allowedCpus(status));
        assertNull(Pinning.allowedCpus(dir.resolve("none")));
    }

    @Test
    void tasksetPinsAChildProcess() throws IOException, InterruptedException {
        String taskset = Pinning.taskset();
        Assumptions.assumeTrue(taskset != null, "needs taskset (util-linux) on PATH");
        List<Integer> allowed = Pinning.allowedCpus();
        Assumptions.assumeTrue(allowed != null && !allowed.isEmpty(), "needs /proc/self/status");
        Pinning.Plan plan = Pinning.plan(allowed, 1);
        List<String> cmd = new java.util.ArrayList<>(plan.launcher(taskset));
        cmd.addAll(List.of("grep", "Cpus_allowed_list", "/proc/self/status"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.endsWith("\t" + Pinning.format(plan.workerCpus())), out);
    }

    @Test
    void onnxRuntimePoolThreadsGetOneCpuEachNumberedFromOne() {
        assertEquals(null, Pinning.ortIntraOpAffinities(List.of(2, 3), 1), "one thread: no pool threads to place");
        assertEquals(null, Pinning.ortIntraOpAffinities(null, 2));
        assertEquals("4", Pinning.ortIntraOpAffinities(List.of(3, 2), 2), "the calling thread keeps CPU 2");
        assertEquals("2;3;4", Pinning.ortIntraOpAffinities(List.of(0, 1, 2, 3), 4));
    }
}
