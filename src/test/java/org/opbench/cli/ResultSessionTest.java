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

/** The result-file skeleton of run, sweep, network and peaks: checks, lock, resume, close. */
class ResultSessionTest {
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    private ResultSession prepare(Path out, ResultSession.Mode mode) {
        return ResultSession.prepare(err, out, mode, List.of());
    }

    @Test
    void secondWriterIsRefusedUntilTheFirstCloses(@TempDir Path dir) {
        Path out = dir.resolve("r.jsonl");
        ResultSession.Mode fresh = new ResultSession.Mode(false, false, true);
        try (ResultSession first = prepare(out, fresh)) {
            first.open();
            first.write(Map.of("record", "run"));
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
        Path set = dir.resolve("set.txt");
        Files.writeString(set, "conv mb1ic4ih9oc6kh3\n");
        UsageError e = assertThrows(UsageError.class, () -> ResultSession.prepare(err, set,
                new ResultSession.Mode(false, true, true), ResultSession.files(List.of("reference", set.toString()))));
        assertTrue(e.getMessage().contains("is an input"), e.getMessage());
        assertEquals("conv mb1ic4ih9oc6kh3\n", Files.readString(set));
    }

    @Test
    void resumeReadsTheFileAndDropsItsTornTail(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Files.writeString(out, "{\"record\":\"network\",\"batch\":1}\n{\"record\":\"netw");
        try (ResultSession s = prepare(out, new ResultSession.Mode(true, false, true))) {
            assertEquals(1, s.previous().others().size());
            assertTrue(errText.toString().contains("torn last line"), errText.toString());
        }
        assertEquals("{\"record\":\"network\",\"batch\":1}\n", Files.readString(out));
    }

    @Test
    void existingFileNeedsForceWhichEmptiesIt(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Files.writeString(out, "{\"record\":\"run\"}\n");
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
            s.write(Map.of("record", "run"));
            throw new IOException("worker lost");
        }, () -> { }, () -> "interrupted"));
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")));
        prepare(out, ResultSession.Mode.overwriteOnly(true)).close();
    }
}
