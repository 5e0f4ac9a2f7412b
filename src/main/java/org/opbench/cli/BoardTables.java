package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opbench.analysis.Boards;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;

/** {@code analyze}'s boards side by side, printed when the files hold more than one kind of machine. */
final class BoardTables {
    private BoardTables() {
    }

    /** Reads {@code files} again (they were read and checked already) and prints the boards when there are several. */
    static void print(PrintWriter out, List<Path> files) {
        List<ResultFile> read = new ArrayList<>();
        for (Path f : files) {
            read.add(ResultReader.read(f));
        }
        print(out, Boards.of(read));
    }

    static void print(PrintWriter out, Boards b) {
        if (!b.several()) {
            return;
        }
        out.println();
        out.println("== Boards side by side ==");
        out.println(b.boards().size() + " kinds of machine (host fingerprints); the tables above take each point's "
                + "last measurement whichever board made it, these compare the boards");
        Map<String, Boards.Versus> versus = b.versusFirst();
        Map<String, List<String>> winners = b.winners();
        Table summary = new Table(List.of("board", "ok points", "speed vs first", "layers", "fastest most often"),
                false, true, true, true, false).wrapping(4);
        for (Boards.Board board : b.boards()) {
            Boards.Versus v = versus.get(board.fingerprint());
            summary.row(List.of(board.label(), String.valueOf(board.points()), Double.isNaN(v.geomean()) ? "-"
                    : String.format(Locale.ROOT, "%.2fx", v.geomean()), String.valueOf(v.layers()),
                    String.join(", ", winners.get(board.fingerprint()))));
        }
        summary.print(out);
        out.println();
        out.println("fastest backend/algorithm per layer and board (median us; speed vs first = geometric mean of the "
                + "first board's best time / this board's)");
        List<String> header = new ArrayList<>(List.of("layer", "t"));
        boolean[] right = new boolean[2 + b.boards().size()];
        right[1] = true;
        for (int i = 0; i < b.boards().size(); i++) {
            header.add(b.boards().get(i).label());
        }
        Table layers = new Table(header, right);
        for (Boards.Layer l : b.layers()) {
            List<String> row = new ArrayList<>();
            row.add((l.name() == null || l.name().isEmpty() ? l.op() + " " + l.problem() : l.name())
                    + (l.batch() != 1 ? " mb" + l.batch() : ""));
            row.add(String.valueOf(l.threads()));
            for (Boards.Board board : b.boards()) {
                PointRecord p = l.best().get(board.fingerprint());
                row.add(p == null ? "-" : p.backend() + "/" + p.algorithm() + (p.tuner() == null || p.tuner().equals(
                        "none") || p.tuner().equals("default") ? "" : "/" + p.tuner()) + String.format(Locale.ROOT,
                        " %.1f", p.timeUs().median()));
            }
            layers.row(row);
        }
        layers.print(out);
    }
}
