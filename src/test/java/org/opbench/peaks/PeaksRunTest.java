package org.opbench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.spi.Availability;
import org.opbench.supervisor.WorkerMain;
import org.opbench.supervisor.WorkerSpec;

/** The Java ceilings really measure (tiny settings: these are not the machine's figures). */
class PeaksRunTest {
    static final PeakSettings TINY = new PeakSettings(List.of(1, 2), 2, 0.02, 1 << 20, 120);

    static final PeaksRun.Listener QUIET = new PeaksRun.Listener() {
        @Override
        public void started(CeilingProvider provider, Integer threads) {
        }

        @Override
        public void finished(CeilingProvider provider, Integer threads, List<Ceiling> ceilings) {
        }
    };

    @Test
    void providersAreFoundThroughTheServiceFile() {
        List<String> names = PeaksRun.providers().stream().map(CeilingProvider::name).toList();
        assertTrue(names.contains(FmaCeiling.NAME), names.toString());
        assertTrue(names.contains(TriadCeiling.NAME), names.toString());
    }

    @Test
    void inProcessRunMeasuresEveryThreadCount(@TempDir Path cache) throws InterruptedException {
        PeaksRecord r = new PeaksRun(TINY, true, cache).run(List.of(new FmaCeiling(), new TriadCeiling()),
                List.of("opbench", "peaks"), QUIET);
        assertEquals(4, r.ceilings().size());
        for (Ceiling c : r.ceilings()) {
            assertTrue(c.isOk(), c.toString());
            assertTrue(c.value() > 0);
            assertEquals(2, c.samples().length);
            assertEquals(Ceiling.CPU, c.device());
        }
        assertTrue(r.bestCpu(Ceiling.COMPUTE, 2) != null && r.bestCpu(Ceiling.BANDWIDTH, 1) != null);
        assertEquals(PeaksRecord.KIND, r.record());
    }

    @Test
    void workerJvmRunGivesTheSameRecordShapeThroughTheLauncherWithLibjsig(@TempDir Path cache) throws Exception {
        Path log = cache.resolve("launched.txt");
        Path script = cache.resolve("launch.sh");
        Files.writeString(script, "#!/bin/sh\necho \"LD_PRELOAD=$LD_PRELOAD\" >> '" + log + "'\nprintf '%s\\n' \"$@\" >> '"
                + log + "'\nexec \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        PeakSettings one = new PeakSettings(List.of(1), 2, 0.02, 1 << 20, 120);
        WorkerSpec spec = WorkerSpec.defaults(cache, 0).launcher(List.of(script.toString()));
        PeaksRecord r = new PeaksRun(one, spec).run(List.of(new FmaCeiling()), List.of("opbench", "peaks"), QUIET);
        assertEquals(1, r.ceilings().size());
        assertTrue(r.ceilings().get(0).isOk(), r.ceilings().get(0).toString());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.contains(WorkerMain.class.getName()), "the one worker main: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-Xmx")), "the heap for the triad: " + lines);
        Path jsig = Path.of(spec.java()).toRealPath().getParent().getParent().resolve("lib").resolve("libjsig.so");
        if (Files.isRegularFile(jsig)) {
            assertTrue(lines.get(0).contains(jsig.toString()), "libjsig preloaded: " + lines.get(0));
        }
    }

    @Test
    void unavailableAndFailingProvidersAreRecordedWithTheirReason(@TempDir Path cache) throws InterruptedException {
        CeilingProvider absent = new CeilingProvider() {
            @Override
            public String name() {
                return "absent";
            }

            @Override
            public List<String> kinds() {
                return List.of(Ceiling.COMPUTE, Ceiling.BANDWIDTH);
            }

            @Override
            public boolean perThreadCount() {
                return false;
            }

            @Override
            public Availability probe() {
                return Availability.unavailable("no such device here");
            }

            @Override
            public List<Ceiling> measure(Integer threads, PeakSettings settings) {
                throw new AssertionError("not called when unavailable");
            }
        };
        CeilingProvider failing = new CeilingProvider() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public List<String> kinds() {
                return List.of(Ceiling.COMPUTE);
            }

            @Override
            public Availability probe() {
                return Availability.available("1", Ceiling.CPU, null);
            }

            @Override
            public List<Ceiling> measure(Integer threads, PeakSettings settings) {
                throw new IllegalStateException("kernel broke");
            }
        };
        List<Ceiling> got = new ArrayList<>();
        PeaksRecord r = new PeaksRun(new PeakSettings(List.of(1), 1, 0.01, 1 << 20, 60), true, cache)
                .run(List.of(absent, failing), List.of(), QUIET);
        got.addAll(r.ceilings());
        assertEquals(3, got.size());
        assertEquals("unavailable", got.get(0).status());
        assertEquals("no such device here", got.get(0).reason());
        assertEquals(null, got.get(0).threads());
        assertEquals("failed", got.get(2).status());
        assertTrue(got.get(2).reason().contains("kernel broke"));
    }
}
