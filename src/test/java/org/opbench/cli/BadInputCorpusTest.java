package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of hostile input in {@code src/test/resources/bad-inputs/cases.tsv}: malformed, truncated, enormous,
 * non-ASCII, control-character and binary shape sets, result files and descriptors. Each must end with exit code 2
 * and one clear line naming the file and line (or token) and the reason; never a stack trace.
 */
class BadInputCorpusTest {

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(BadInputCorpusTest.class.getResource("/bad-inputs/cases.tsv").toURI()).getParent();
        List<Arguments> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cases.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t");
            String args = parts[0].replace("{dir}", dir.toString()).replace("\\u0000", "\u0000");
            int detail = parts.length > 2 && parts[2].startsWith("detail=") ? Integer.parseInt(parts[2].substring(7)) : 0;
            list.add(Arguments.of(args, parts[1], detail));
        }
        return list.stream();
    }

    /**
     * Each case: the arguments, the parts the one error line must contain, and (optional third column
     * {@code detail=N}) how many indented detail lines may follow it, for errors that list what to do, such as
     * {@code merge} naming each missing shard with the command that reruns it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsAClearError(String args, String expected, int detail) throws IOException, URISyntaxException {
        Map<Path, String> before = snapshot();
        Cli r = Cli.run(args.split(" "));
        assertEquals(2, r.code(), "exit code for " + args + ": " + r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("opbench: error: "), r.err());
        for (String part : expected.split(" && ")) {
            assertTrue(first.contains(part), "expected '" + part + "' in: " + first);
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        assertFalse(r.err().contains("calibrating"), "nothing measured: " + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1 + detail, lines.size(), "one line" + (detail > 0 ? " and " + detail + " detail lines" : "")
                + ": " + r.err());
        lines.subList(1, lines.size()).forEach(l -> assertTrue(l.startsWith("  "), "a detail line is indented: " + l));
        assertFalse(first.contains("Try '") || first.matches(".*\\b(java|org)\\.[a-z]+\\.[A-Z].*"),
                "no Java class names: " + first);
        assertEquals(before, snapshot(), "the corpus (every input) is untouched");
    }

    /** Every file of the corpus with a digest of its bytes. */
    private static Map<Path, String> snapshot() throws IOException, URISyntaxException {
        Path dir = Path.of(BadInputCorpusTest.class.getResource("/bad-inputs/cases.tsv").toURI()).getParent();
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                m.put(f.getFileName(), Arrays.hashCode(Files.readAllBytes(f)) + ":" + Files.size(f));
            }
        }
        return m;
    }
}
