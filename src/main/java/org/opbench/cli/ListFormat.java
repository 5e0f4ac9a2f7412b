package org.opbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.opbench.result.Json;
import picocli.CommandLine.Option;

/** The {@code --format} of the list commands: a text table, or JSON for scripts. */
final class ListFormat {
    enum Kind { text, json }

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})", defaultValue = "text")
    Kind kind;

    boolean json() {
        return kind == Kind.json;
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
