package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.result.HostFingerprint;
import org.opbench.result.PointRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultFile;
import org.opbench.result.RunRecord;

/**
 * Boards side by side: the ok points of result files grouped by the kind of machine of the run record they follow
 * (its host fingerprint; one file per board, or a {@code merge --keep-hosts} of them), with the fastest
 * backend/algorithm/tuner per layer on each board and, for each board, its geometric-mean speed against the first
 * board over the layers both measured. The reference backend counts only where a board has nothing else for a layer.
 *
 * @param boards  one per kind of machine, in the order first seen
 * @param layers  the layers (op, problem, batch, threads) in the order first seen, each with its best point per board
 */
public record Boards(List<Board> boards, List<Layer> layers) {
    /** A kind of machine: its label (host name, CPU, fingerprint) and how many ok points it has. */
    public record Board(String fingerprint, String label, int points) {
    }

    /** One layer: the best point per board fingerprint (absent where a board did not measure it). */
    public record Layer(String op, String problem, String name, int batch, int threads, Map<String, PointRecord> best) {
    }

    /** A board's speed against the first board: geometric mean of first's best time / its best time, and over how many layers. */
    public record Versus(double geomean, int layers) {
    }

    private static final String REFERENCE = "reference";

    /** The boards of the files; fewer than two when the files are of one kind of machine. */
    public static Boards of(List<ResultFile> files) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Map<String, PointRecord>> best = new LinkedHashMap<>();
        Map<String, PointRecord> example = new LinkedHashMap<>();
        for (ResultFile f : files) {
            String board = null;
            for (Record r : f.records()) {
                if (r instanceof RunRecord run) {
                    board = run.hostFingerprint() != null ? run.hostFingerprint()
                            : HostFingerprint.of(run.host(), run.libraries());
                    labels.putIfAbsent(board, label(run, board));
                } else if (r instanceof PointRecord p && p.ok() && p.timeUs() != null && board != null) {
                    counts.merge(board, 1, Integer::sum);
                    // the precision is part of the layer: an int8 point is never the best of an f32 layer
                    String layer = p.op() + "|" + p.problem() + "|" + p.batch() + "|" + p.threads() + "|"
                            + Points.dtype(p);
                    example.putIfAbsent(layer, p);
                    Map<String, PointRecord> perBoard = best.computeIfAbsent(layer, k -> new LinkedHashMap<>());
                    PointRecord old = perBoard.get(board);
                    if (old == null || better(p, old)) {
                        perBoard.put(board, p);
                    }
                }
            }
        }
        List<Board> boards = new ArrayList<>();
        labels.forEach((fp, label) -> boards.add(new Board(fp, label, counts.getOrDefault(fp, 0))));
        List<Layer> layers = new ArrayList<>();
        best.forEach((key, perBoard) -> {
            PointRecord p = example.get(key);
            layers.add(new Layer(p.op(), p.problem(), p.layer() == null ? null : p.layer() + Points.dtypeSuffix(p),
                    p.batch(), p.threads(), Map.copyOf(perBoard)));
        });
        return new Boards(boards, layers);
    }

    /** Whether {@code p} is a better pick than {@code old}: not the reference over a library, then faster. */
    private static boolean better(PointRecord p, PointRecord old) {
        boolean pRef = REFERENCE.equals(p.backend());
        boolean oldRef = REFERENCE.equals(old.backend());
        if (pRef != oldRef) {
            return oldRef;
        }
        return p.timeUs().median() < old.timeUs().median();
    }

    private static String label(RunRecord run, String fingerprint) {
        var h = run.host();
        return (h == null ? "?" : h.hostname() + " (" + h.arch() + ", " + h.logicalCpus() + " CPUs)") + " "
                + fingerprint.substring(0, Math.min(6, fingerprint.length()));
    }

    /** Whether there is more than one board to compare. */
    public boolean several() {
        return boards.size() > 1;
    }

    /** Each board's speed against the first board over the layers both have (the first: 1 over all its layers). */
    public Map<String, Versus> versusFirst() {
        Map<String, Versus> m = new LinkedHashMap<>();
        if (boards.isEmpty()) {
            return m;
        }
        String first = boards.get(0).fingerprint();
        for (Board b : boards) {
            double logSum = 0;
            int n = 0;
            for (Layer l : layers) {
                PointRecord a = l.best().get(first);
                PointRecord x = l.best().get(b.fingerprint());
                if (a != null && x != null) {
                    logSum += Math.log(a.timeUs().median() / x.timeUs().median());
                    n++;
                }
            }
            m.put(b.fingerprint(), new Versus(n == 0 ? Double.NaN : Math.exp(logSum / n), n));
        }
        return m;
    }

    /** The backends that are fastest on the most layers of each board, most often first. */
    public Map<String, List<String>> winners() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Board b : boards) {
            Map<String, Integer> wins = new LinkedHashMap<>();
            for (Layer l : layers) {
                PointRecord p = l.best().get(b.fingerprint());
                if (p != null) {
                    wins.merge(p.backend(), 1, Integer::sum);
                }
            }
            Set<String> order = new LinkedHashSet<>();
            wins.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                    .forEach(e -> order.add(e.getKey() + " " + e.getValue()));
            m.put(b.fingerprint(), List.copyOf(order));
        }
        return m;
    }
}
