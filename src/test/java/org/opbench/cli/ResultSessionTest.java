package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.TimerCalibration;
import org.opbench.result.Json;
import org.opbench.result.LayerRecord;
import org.opbench.result.RunRecord;

/** The result-file skeleton of run, sweep, network and peaks: checks, lock, resume, close. */
class ResultSessionTest {
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    private ResultSession prepare(Path out, ResultSession.Mode mode) {
        return ResultSession.prepare(err, out, mode, List.of());
    }

    /** A real run header, as sweep and network write it first. */
    private static RunRecord run() {
        return RunHeader.of(List.of("test"), false, 1, Map.of(), TimerCalibration.measure(), Map.of());
    }

    private static String header() throws IOException {
        return Json.mapper().writeValueAsString(run()) + "\n";
    }

    private static Path written(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    @Test
    void secondWriterIsRefusedUntilTheFirstCloses(@TempDir Path dir) {
        Path out = dir.resolve("r.jsonl");
        ResultSession.Mode fresh = new ResultSession.Mode(false, false, true);
        try (ResultSession first = prepare(out, fresh)) {
            first.open();
            first.write(run());
            UsageError e = assertThrows(UsageError.class, () -> prepare(out, new ResultSession.Mode(true, false,
                    true)));
            assertTrue(e.getMessage().contains("being written by another opbench run"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")), "the lock file goes with the lock");
        try (ResultSession again = prepare(out, new ResultSession.Mode(true, false, true))) {
            assertTrue(again.resumed());
        }
    }

    @Test
    void outputThatIsAnInputIsRefusedEvenWithForce(@TempDir Path dir) throws IOException {
        Path set = written(dir.resolve("set.txt"), "conv mb1ic4ih9oc6kh3\n");
        UsageError e = assertThrows(UsageError.class, () -> ResultSession.prepare(err, set,
                new ResultSession.Mode(false, true, true), ResultSession.files(List.of("reference", set.toString()))));
        assertTrue(e.getMessage().contains("is an input"), e.getMessage());
        assertEquals("conv mb1ic4ih9oc6kh3\n", Files.readString(set));
    }

    @Test
    void resumeReadsTheFileAndDropsItsTornTail(@TempDir Path dir) throws IOException {
        String header = header();
        Path out = written(dir.resolve("r.jsonl"), header + "{\"record\":\"netw");
        try (ResultSession s = prepare(out, new ResultSession.Mode(true, false, true))) {
            assertTrue(s.resumed());
            assertTrue(errText.toString().contains("torn last line"), errText.toString());
        }
        assertEquals(header, Files.readString(out));
    }

    @Test
    void existingFileNeedsForceWhichEmptiesIt(@TempDir Path dir) throws IOException {
        Path out = written(dir.resolve("r.jsonl"), "{\"record\":\"layer\"}\n");
        UsageError resumable = assertThrows(UsageError.class, () -> prepare(out, ResultSession.Mode.of(
                new OutputOptions())));
        assertTrue(resumable.getMessage().endsWith("add --resume to continue it or --force to overwrite it"));
        UsageError once = assertThrows(UsageError.class, () -> prepare(out, ResultSession.Mode.overwriteOnly(false)));
        assertTrue(once.getMessage().endsWith("already exists; add --force to overwrite it"), once.getMessage());
        assertThrows(UsageError.class, () -> prepare(out, new ResultSession.Mode(true, true, true)));
        try (ResultSession s = prepare(out, ResultSession.Mode.overwriteOnly(true))) {
            assertNull(s.previous());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void failedMeasurementStillClosesTheFileAndReleasesTheLock(@TempDir Path dir) {
        Path out = dir.resolve("r.jsonl");
        ResultSession s = prepare(out, ResultSession.Mode.overwriteOnly(false));
        s.open();
        assertThrows(IOException.class, () -> s.measure(() -> {
            s.write(LayerRecord.builder().model("toy").layer("conv1").build());
            throw new IOException("worker lost");
        }, () -> { }, () -> "interrupted"));
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")));
        prepare(out, ResultSession.Mode.overwriteOnly(true)).close();
    }
}
