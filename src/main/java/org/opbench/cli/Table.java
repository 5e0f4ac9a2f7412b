package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: left-aligned text columns, right-aligned numeric ones. Printed to a width, a table that is
 * wider first narrows its wrapping columns (their cells continue on further lines, broken after spaces, commas,
 * semicolons or slashes), then splits its other columns into blocks that each fit, repeating the leading key
 * columns in every block; numbers are never cut.
 */
final class Table {
    /** The width when the terminal's is unknown. */
    static final int DEFAULT_WIDTH = 100;
    /** A wrapping column is not narrowed below this. */
    private static final int MIN_WRAP = 12;
    private static final String GAP = "  ";

    private final List<String> header;
    private final boolean[] right;
    private final boolean[] wraps;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header, boolean... rightAligned) {
        this.header = header;
        this.right = new boolean[header.size()];
        this.wraps = new boolean[header.size()];
        for (int i = 0; i < rightAligned.length && i < right.length; i++) {
            right[i] = rightAligned[i];
        }
    }

    /** Lets these columns' cells continue on further lines when the table is printed to a width. */
    Table wrapping(int... columns) {
        for (int c : columns) {
            wraps[c] = true;
        }
        return this;
    }

    void row(List<String> cells) {
        rows.add(cells);
    }

    /**
     * The terminal width from the {@code COLUMNS} environment variable, or {@value #DEFAULT_WIDTH} when it is unset
     * or not a positive number (a pipe has no width that Java can read reliably).
     */
    static int terminalWidth() {
        return width(System.getenv("COLUMNS"));
    }

    static int width(String columns) {
        if (columns != null && columns.strip().matches("[0-9]{1,5}")) {
            int w = Integer.parseInt(columns.strip());
            if (w > 0) {
                return w;
            }
        }
        return DEFAULT_WIDTH;
    }

    /** Prints at the natural width, however wide. */
    void print(PrintWriter out) {
        int[] w = naturalWidths();
        int[] all = new int[w.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        block(out, all, w);
        out.flush();
    }

    /**
     * Prints within {@code width} columns where it can: wrapping columns narrow first, then the columns after the
     * first {@code keep} are split into blocks that each fit, every block repeating the first {@code keep} columns.
     */
    void print(PrintWriter out, int width, int keep) {
        int[] w = naturalWidths();
        while (total(w, allColumns()) > width) {
            int widest = -1;
            for (int i = 0; i < w.length; i++) {
                if (wraps[i] && w[i] > MIN_WRAP && (widest < 0 || w[i] > w[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            w[widest]--;
        }
        List<int[]> blocks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int keptWidth = 0;
        for (int i = 0; i < keep && i < w.length; i++) {
            keptWidth += (i == 0 ? 0 : GAP.length()) + w[i];
        }
        int used = keptWidth;
        for (int i = keep; i < w.length; i++) {
            int add = (used == 0 ? 0 : GAP.length()) + w[i];
            if (!current.isEmpty() && used + add > width) {
                blocks.add(withKeys(keep, current));
                current.clear();
                used = keptWidth;
                add = (used == 0 ? 0 : GAP.length()) + w[i];
            }
            current.add(i);
            used += add;
        }
        if (!current.isEmpty() || blocks.isEmpty()) {
            blocks.add(withKeys(Math.min(keep, w.length), current));
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (b > 0) {
                out.println();
            }
            block(out, blocks.get(b), w);
        }
        out.flush();
    }

    private int[] allColumns() {
        int[] all = new int[header.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] withKeys(int keep, List<Integer> rest) {
        int[] cols = new int[keep + rest.size()];
        for (int i = 0; i < keep; i++) {
            cols[i] = i;
        }
        for (int i = 0; i < rest.size(); i++) {
            cols[keep + i] = rest.get(i);
        }
        return cols;
    }

    private static int total(int[] w, int[] cols) {
        int t = 0;
        for (int i = 0; i < cols.length; i++) {
            t += (i == 0 ? 0 : GAP.length()) + w[cols[i]];
        }
        return t;
    }

    private int[] naturalWidths() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    private void block(PrintWriter out, int[] cols, int[] w) {
        line(out, header, cols, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            rule.append(i == 0 ? "" : GAP).append("-".repeat(w[cols[i]]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            line(out, r, cols, w);
        }
    }

    private void line(PrintWriter out, List<String> cells, int[] cols, int[] w) {
        List<List<String>> parts = new ArrayList<>();
        int lines = 1;
        for (int c : cols) {
            List<String> p = cells.get(c).length() > w[c] ? wrap(cells.get(c), w[c]) : List.of(cells.get(c));
            parts.add(p);
            lines = Math.max(lines, p.size());
        }
        for (int l = 0; l < lines; l++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    b.append(GAP);
                }
                String s = l < parts.get(i).size() ? parts.get(i).get(l) : "";
                int c = cols[i];
                b.append(right[c] ? Format.padLeft(s, w[c]) : Format.pad(s, w[c]));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /** A line wrapped to the width, its continuation lines indented 4 past the line's own indent. */
    static void printWrapped(PrintWriter out, String line, int width) {
        int indent = line.length() - line.stripLeading().length() + 4;
        List<String> first = wrap(line, width);
        out.println(first.get(0));
        if (first.size() > 1) {
            String rest = line.substring(first.get(0).length()).stripLeading();
            for (String l : wrap(rest, Math.max(1, width - indent))) {
                out.println(" ".repeat(indent) + l);
            }
        }
    }

    /** {@code s} in lines of at most {@code width}, broken after a space, comma, semicolon or slash where possible. */
    static List<String> wrap(String s, int width) {
        List<String> lines = new ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = -1;
            for (int i = width; i > 0; i--) {
                char ch = rest.charAt(i - 1);
                if (ch == ' ' || ch == ',' || ch == ';' || ch == '/') {
                    cut = i;
                    break;
                }
            }
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || lines.isEmpty()) {
            lines.add(rest);
        }
        return lines;
    }
}
