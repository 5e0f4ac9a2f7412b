package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: left-aligned text columns, right-aligned numeric ones. */
final class Table {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header, boolean... rightAligned) {
        this.header = header;
        this.right = new boolean[header.size()];
        for (int i = 0; i < rightAligned.length && i < right.length; i++) {
            right[i] = rightAligned[i];
        }
    }

    void row(List<String> cells) {
        rows.add(cells);
    }

    void print(PrintWriter out) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        line(out, header, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            line(out, r, w);
        }
        out.flush();
    }

    private void line(PrintWriter out, List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                b.append("  ");
            }
            b.append(right[i] ? Format.padLeft(cells.get(i), w[i]) : Format.pad(cells.get(i), w[i]));
        }
        out.println(b.toString().stripTrailing());
    }
}
