package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.result.Json;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;

/** {@code list backends} fits the terminal; {@code list backends NAME} and {@code --format json} keep every name. */
class ListBackendsTest {
    @Test
    void theTableFitsTheTerminalWidth() {
        Cli r = Cli.run("list", "backends");
        assertEquals(0, r.code(), r.err());
        int width = Table.terminalWidth();
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= width, "wider than " + width + ": " + line);
        }
        for (Backend b : Backends.load().all()) {
            assertTrue(r.out().contains(b.name() + " "), "backend missing: " + b.name() + "\n" + r.out());
        }
        assertTrue(r.out().contains("opbench list backends NAME"), r.out());
    }

    @Test
    void theDefaultWidthIs100WhenColumnsIsUnknown() {
        assertEquals(100, Table.width(null));
        assertEquals(100, Table.width("wide"));
        assertEquals(132, Table.width("132"));
    }

    @Test
    void oneBackendShowsEveryAlgorithmAndTuner() {
        Backend longest = Backends.load().all().stream()
                .max((a, b) -> Integer.compare(a.algorithms(Op.CONV).size(), b.algorithms(Op.CONV).size())).orElseThrow();
        Cli r = Cli.run("list", "backends", longest.name());
        assertEquals(0, r.code(), r.err());
        String joined = r.out().replaceAll("\\s+", " ");
        for (Op op : Op.values()) {
            assertTrue(joined.contains(op.id() + ": "), op + "\n" + r.out());
            for (String alg : longest.algorithms(op)) {
                assertTrue(joined.contains(alg), alg + " missing\n" + r.out());
            }
        }
        for (String t : longest.tuners()) {
            assertTrue(joined.contains(t), t + " missing\n" + r.out());
        }
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= Table.terminalWidth(), line);
        }
        // the table abbreviates that same list: its full length would not fit a 28-character cell
        if (String.join(",", longest.algorithms(Op.CONV)).length() > ListCommand.BackendsCommand.SHOWN_CHARS) {
            assertTrue(Cli.run("list", "backends").out().contains(" more"));
        }
    }

    @Test
    void oneBackendAsJsonHasItsFullAlgorithmList() throws IOException {
        Backend b = Backends.load().get("reference");
        Cli r = Cli.run("list", "backends", "reference", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode node = Json.mapper().readTree(r.out());
        assertEquals("reference", node.get("name").asText());
        assertEquals(b.algorithms(Op.CONV).size(), node.get("algorithms").get("conv").size());
    }

    @Test
    void anUnknownNameIsAOneLineUsageError() {
        Cli r = Cli.run("list", "backends", "no-such-backend");
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'no-such-backend'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void abbreviationKeepsTheFirstNamesAndCountsTheRest() {
        assertEquals("a,b", ListCommand.BackendsCommand.abbreviated(List.of("a", "b")));
        List<String> many = List.of("implicit_gemm", "implicit_precomp_gemm", "gemm", "direct", "fft");
        String s = ListCommand.BackendsCommand.abbreviated(many);
        assertTrue(s.length() <= ListCommand.BackendsCommand.SHOWN_CHARS, s);
        assertEquals("implicit_gemm +4 more", s);
        assertEquals("a_very_long_algorithm_name_beyond_the_cell +1 more",
                ListCommand.BackendsCommand.abbreviated(List.of("a_very_long_algorithm_name_beyond_the_cell", "x")));
    }
}
