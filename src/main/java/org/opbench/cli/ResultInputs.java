package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.opbench.analysis.ResultSet;
import org.opbench.problem.InputFileException;

/** Reads result files for analyze, compare and report; an unreadable file is a usage error naming it. */
final class ResultInputs {
    private ResultInputs() {
    }

    static ResultSet read(List<Path> files, PrintWriter err) {
        try {
            ResultSet set = ResultSet.read(files);
            set.warnings().forEach(w -> err.println("opbench: warning: " + w));
            err.flush();
            return set;
        } catch (InputFileException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
