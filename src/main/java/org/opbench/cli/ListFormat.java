package org.opbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.opbench.result.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --format} of the list commands (a text table, or JSON for scripts) and where they print. */
final class ListFormat {
    enum Kind { text, json }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})", defaultValue = "text")
    Kind format;

    /** The standard output of the list command. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    boolean json() {
        return format == Kind.json;
    }

    /** Prints the value as JSON when {@code --format json} asked for it; false when the caller prints its text. */
    boolean printedAsJson(Object value) {
        if (!json()) {
            return false;
        }
        printJson(out(), value);
        return true;
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
