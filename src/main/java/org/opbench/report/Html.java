package org.opbench.report;

import java.util.List;
import java.util.Locale;

/** Escaping and small builders of HTML text. */
final class Html {
    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\u2028' -> b.append("&#8232;");
                case '\u2029' -> b.append("&#8233;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A table; cells are escaped text. Numeric-looking columns are right-aligned by the style sheet's td.n. */
    static String table(List<String> header, List<List<Object>> rows, boolean... numeric) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            b.append(i < numeric.length && numeric[i] ? "<th class=\"n\">" : "<th>").append(esc(header.get(i)))
                    .append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (List<Object> r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                b.append(i < numeric.length && numeric[i] ? "<td class=\"n\">" : "<td>").append(esc(r.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }

    static String num(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String sig(double v) {
        return v >= 1 || v == 0 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String noData(String text) {
        return "<p class=\"nodata\">" + esc(text) + "</p>\n";
    }

    static String chart(String kind, int index, int height) {
        return "<div class=\"chart\" data-chart=\"" + kind + "\" data-index=\"" + index + "\" style=\"height:" + height
                + "px\"></div>\n";
    }
}
