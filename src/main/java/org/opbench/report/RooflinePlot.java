package org.opbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.analysis.Points;
import org.opbench.analysis.Roofline;

/**
 * The roofline plot's data: measured points per configuration, the roofs, and axes in whole decades. Each series and
 * roof carries its precision ({@code dtype}): the page draws one ceiling line per precision (its own colour and dash)
 * and the points of each precision with their own symbol.
 */
final class RooflinePlot {
    private RooflinePlot() {
    }

    static Map<String, Object> data(Roofline.Result r, Labels labels) {
        if (r.points().isEmpty()) {
            return null;
        }
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        Map<String, String> seriesDtype = new LinkedHashMap<>();
        boolean integer = false;
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (Roofline.Placed p : r.points()) {
            String name = labels.series(p.config(), p.threads(), p.batch());
            seriesDtype.putIfAbsent(name, p.dtype());
            integer |= Points.integer(p.dtype());
            series.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new Object[] {p.intensity(), p.gflops(), labels.layer(p.network(), p.layer()), p.fraction(),
                            p.attainableGflops()});
            xmin = Math.min(xmin, p.intensity());
            xmax = Math.max(xmax, p.intensity());
            ymin = Math.min(ymin, p.gflops());
            ymax = Math.max(ymax, p.gflops());
        }
        List<Map<String, Object>> roofs = new ArrayList<>();
        for (Roofline.Roof roof : r.roofs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", roof.label());
            m.put("peak", roof.peakGflops());
            m.put("bandwidth", roof.bandwidthGbps());
            m.put("theoretical", roof.theoreticalGflops());
            m.put("ridge", roof.ridge());
            m.put("dtype", roof.dtype());
            m.put("fallback", roof.fallback());
            m.put("unit", Points.rateUnit(roof.peakDtype()));
            roofs.add(m);
            if (roof.ridge() != null) {
                xmin = Math.min(xmin, roof.ridge());
                xmax = Math.max(xmax, roof.ridge());
            }
            for (Double v : new Double[] {roof.peakGflops(), roof.theoreticalGflops()}) {
                if (v != null) {
                    ymax = Math.max(ymax, v);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> named = Grid.named(series, "points");
        named.forEach(x -> x.put("dtype", seriesDtype.get((String) x.get("name"))));
        m.put("series", named);
        m.put("roofs", roofs);
        m.put("note", r.note());
        m.put("rate", integer ? "GFLOPS / GOPS (integer precisions)" : "GFLOPS");
        // axis range in whole decades around everything drawn
        m.put("xmin", Math.pow(10, Math.floor(Math.log10(xmin / 2))));
        m.put("xmax", Math.pow(10, Math.ceil(Math.log10(xmax * 2))));
        m.put("ymin", Math.pow(10, Math.floor(Math.log10(ymin / 2))));
        m.put("ymax", Math.pow(10, Math.ceil(Math.log10(ymax * 2))));
        return m;
    }
}
