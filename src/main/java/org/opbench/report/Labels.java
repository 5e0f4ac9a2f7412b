package org.opbench.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opbench.analysis.Points;
import org.opbench.result.PointRecord;

/** Category (layer) and series (configuration) labels, qualified only where the results need it. */
final class Labels {
    final boolean networks;
    final boolean threads;
    final boolean batches;

    Labels(List<PointRecord> points) {
        Set<String> n = new HashSet<>();
        Set<Integer> t = new HashSet<>();
        Set<Integer> b = new HashSet<>();
        for (PointRecord p : points) {
            if (Points.timed(p)) {
                n.add(Points.network(p));
                t.add(p.threads());
                b.add(p.batch());
            }
        }
        networks = n.size() > 1;
        threads = t.size() > 1;
        batches = b.size() > 1;
    }

    String layer(String network, String layer) {
        return networks ? network + ": " + layer : layer;
    }

    String series(String config, int threads, int batch) {
        return config + (this.threads ? " t" + threads : "") + (batches ? " mb" + batch : "");
    }
}
