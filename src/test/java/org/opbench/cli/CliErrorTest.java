package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opbench.result.Json;

/** Bad input exits with code 2 and one line naming the bad argument, before anything is measured. */
class CliErrorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run --op conv --shape mb1ic3ih0oc8|ih0",
        "run --op conv --shape mb1ic3ih8oc8qq1|qq1",
        "run --op lrn --shape mb1ic3ih8|lrn",
        "run --op conv --shape mb1ic3ih8oc8 --backends nosuch|nosuch",
        "run --op conv --shape mb1ic3ih8oc8 --algorithms winogard|winogard",
        "run --op conv --shape mb1ic3ih8oc8 --tuners turbo|turbo",
        "run --op conv --shape mb1ic3ih8oc8 --threads 0|'0'",
        "run --op conv --shape mb1ic3ih8oc8 --batch two|'two'",
        "run --op conv --shape mb1ic3ih8oc8 --reps 0|repetitions",
        "run --op conv --shape mb1ic3ih8oc8 --option profile|profile",
        "run --op conv --shape mb1ic3ih8oc8 --bogus|--bogus",
        "run --shape mb1ic3ih8oc8|--op",
        "sweep --tensors no-such-set|no-such-set",
        "sweep --shape mb1ic3ih8oc8|--op",
        "sweep --op conv --tensors mobilenet-v1-1.0-224 --max-time -1|maximum time",
        "list|backends or tensors",
        "list tensors no-such-set|no-such-set",
        "csv /nonexistent/r.jsonl|/nonexistent/r.jsonl"
    })
    void badInputExitsWithUsageCode(String args, String named) {
        Cli r = Cli.run(args.split(" "));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("opbench: error: "), r.err());
        assertTrue(r.err().contains(named), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutResumeOrForce(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Files.writeString(out, "{\"record\":\"run\"}\n");
        Cli r = Cli.run("run", "--op", "conv", "--shape", "mb1ic3ih8oc8", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--resume") && r.err().contains("--force"), r.err());
        assertEquals("{\"record\":\"run\"}\n", Files.readString(out));
    }

    @Test
    void outputThatIsTheSweptShapeSetIsRefusedEvenWithForce(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("set.txt");
        Files.writeString(set, "conv mb1ic4ih9oc6kh3\n");
        Cli r = Cli.run("sweep", "--tensors", set.toString(), "--backends", "reference", "--out", set.toString(),
                "--force");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is an input"), r.err());
        assertEquals("conv mb1ic4ih9oc6kh3\n", Files.readString(set));
    }

    @Test
    void unwritableOutputIsCaughtBeforeMeasuring(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Cli r = Cli.run("run", "--op", "conv", "--shape", "mb1ic3ih8oc8", "--out", blocker.resolve("r.jsonl").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot write"), r.err());
        assertFalse(r.err().contains("calibrating"), "nothing measured: " + r.err());
    }

    @Test
    void listTensorsAsJsonGivesEverySetWithTotals() throws IOException {
        Cli r = Cli.run("list", "tensors", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode sets = Json.mapper().readTree(r.out());
        assertEquals(8, sets.size());
        for (JsonNode s : sets) {
            assertTrue(s.get("gflops").asDouble() > 0);
            assertTrue(Math.abs(s.get("published_diff").asDouble()) <= s.get("published_tolerance").asDouble());
        }
    }

    @Test
    void listOneSetShowsItsProblems() {
        Cli r = Cli.run("list", "tensors", "mobilenet-v1-1.0-224");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("conv2_1/dw"), r.out());
        assertTrue(r.out().contains("1.138 GFLOPs"), r.out());
    }

    @Test
    void listBackendsNamesTheReference() throws IOException {
        Cli r = Cli.run("list", "backends", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode list = Json.mapper().readTree(r.out());
        boolean found = false;
        for (JsonNode b : list) {
            if (b.get("name").asText().equals("reference")) {
                found = b.get("available").asBoolean();
            }
            if (!b.get("available").asBoolean()) {
                assertFalse(b.get("reason").asText().isBlank(), "unavailable without a reason: " + b);
            }
        }
        assertTrue(found);
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String cmd : new String[] {"list", "run", "sweep", "csv"}) {
            Cli r = Cli.run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().startsWith("Usage: opbench " + cmd), r.out());
        }
    }
}
