package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code opbench --help} and the README's first screen lead a newcomer: sweep, report, compare, as commands that parse. */
class FirstStepsHelpTest {
    private static final List<String> STEPS =
            List.of(Main.FIRST_SWEEP, Main.FIRST_REPORT, Main.SECOND_SWEEP, Main.FIRST_COMPARE);

    @Test
    void topLevelHelpShowsTheFirstStepsInOrder() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code(), r.err());
        int at = r.out().indexOf("First steps");
        assertTrue(at > 0, r.out());
        for (String step : STEPS) {
            int next = r.out().indexOf(step, at);
            assertTrue(next > at, "'" + step + "' missing or out of order in:\n" + r.out());
            at = next;
        }
    }

    @Test
    void everyFirstStepIsACommandThatParses() {
        for (String step : STEPS) {
            assertTrue(step.startsWith("./opbench "), step);
            String[] args = step.substring("./opbench ".length()).split(" ");
            // throws ParameterException on an unknown option, a missing required one or a wrong arity
            CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
            assertTrue(parsed.hasSubcommand(), step);
            assertEquals(args[0], parsed.subcommand().commandSpec().name(), step);
        }
    }

    @Test
    void readmeFirstScreenShowsTheSameSteps() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        String firstScreen = String.join("\n", lines.subList(0, Math.min(40, lines.size())));
        for (String step : STEPS) {
            assertTrue(firstScreen.contains(step), "README's first 40 lines lack '" + step + "'");
        }
        assertTrue(firstScreen.contains("./mvnw -B test"), "README's first 40 lines lack the test command ./mvnw -B test");
    }
}
