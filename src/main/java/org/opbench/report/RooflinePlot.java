package org.opbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.analysis.Roofline;

/** The roofline plot's data: measured points per configuration, the roofs, and axes in whole decades. */
final class RooflinePlot {
    private RooflinePlot() {
    }

    static Map<String, Object> data(Roofline.Result r, Labels labels) {
        if (r.points().isEmpty()) {
            return null;
        }
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (Roofline.Placed p : r.points()) {
            series.computeIfAbsent(labels.series(p.config(), p.threads(), p.batch()), k -> new ArrayList<>())
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
        m.put("series", Grid.named(series, "points"));
        m.put("roofs", roofs);
        m.put("note", r.note());
        // axis range in whole decades around everything drawn
        m.put("xmin", Math.pow(10, Math.floor(Math.log10(xmin / 2))));
        m.put("xmax", Math.pow(10, Math.ceil(Math.log10(xmax * 2))));
        m.put("ymin", Math.pow(10, Math.floor(Math.log10(ymin / 2))));
        m.put("ymax", Math.pow(10, Math.ceil(Math.log10(ymax * 2))));
        return m;
    }
}
