package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opbench.peaks.PeaksRecord;
import org.opbench.problem.InputFileException;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;

/**
 * Reads result files for the commands whose output other tools consume (convert, csv, compare): a record of a kind
 * this opbench does not know is refused (a file written with a newer schema already is, by {@link ResultReader}) with one line naming the file (exit
 * 2), since a converted file or a verdict built from part of the records would look complete and not be.
 */
final class StrictInputs {
    private StrictInputs() {
    }

    static List<ResultFile> read(List<Path> files, PrintWriter err) {
        List<ResultFile> out = new ArrayList<>();
        for (Path f : files) {
            ResultFile r;
            try {
                r = ResultReader.read(f, Map.of(PeaksRecord.KIND, PeaksRecord.class));
            } catch (InputFileException e) {
                throw new UsageError(e.getMessage());
            }
            if (!r.skippedKinds().isEmpty()) {
                var e = r.skippedKinds().entrySet().iterator().next();
                throw new UsageError(f + ": unknown record kind '" + e.getKey() + "' (" + e.getValue()
                        + " record(s)): written by a newer opbench? This one reads run, point, network, layer and "
                        + "peaks records");
            }
            r.warnings().forEach(w -> err.println("opbench: warning: " + w));
            out.add(r);
        }
        err.flush();
        return out;
    }
}
