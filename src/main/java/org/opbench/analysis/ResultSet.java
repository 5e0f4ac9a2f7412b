package org.opbench.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;

/**
 * The records of one or more result files, by kind: run headers, points (one per key, the last read), peaks,
 * network and layer records, and warnings (torn lines, points measured twice).
 */
public record ResultSet(List<Path> files, List<RunRecord> runs, List<PointRecord> points, List<PeaksRecord> peaks,
                        List<NetworkRecord> networks, List<LayerRecord> layers, List<String> warnings) {
    /**
     * Reads the files (peaks records too); a file that cannot be read or parsed is an
     * {@link org.opbench.problem.InputFileException}.
     */
    public static ResultSet read(List<Path> files) {
        List<ResultFile> read = new ArrayList<>();
        for (Path f : files) {
            read.add(ResultReader.read(f, Map.of(PeaksRecord.KIND, PeaksRecord.class)));
        }
        return of(read);
    }

    public static ResultSet of(List<ResultFile> files) {
        List<Path> paths = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        List<PointRecord> all = new ArrayList<>();
        List<PeaksRecord> peaks = new ArrayList<>();
        List<NetworkRecord> networks = new ArrayList<>();
        List<LayerRecord> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (ResultFile f : files) {
            paths.add(f.path());
            runs.addAll(f.runs());
            warnings.addAll(f.warnings());
            Set<String> inThisFile = new HashSet<>();
            for (PointRecord p : f.points()) {
                if (seen.contains(p.key()) && !inThisFile.contains(p.key())) {
                    duplicates++;
                }
                inThisFile.add(p.key());
                all.add(p);
            }
            seen.addAll(inThisFile);
            peaks.addAll(f.all(PeaksRecord.class));
            networks.addAll(f.networks());
            layers.addAll(f.layers());
        }
        if (duplicates > 0) {
            warnings.add(duplicates + " point(s) appear in more than one file; the last file's measurement is used "
                    + "(compare runs with 'opbench compare')");
        }
        if (peaks.size() > 1) {
            warnings.add(peaks.size() + " peaks records given; the last one is used");
        }
        return new ResultSet(paths, runs, Points.latest(all), peaks, networks, layers, warnings);
    }

    /** The peaks record to use (the last given), or null. */
    public PeaksRecord latestPeaks() {
        return peaks.isEmpty() ? null : peaks.get(peaks.size() - 1);
    }

    /** Points that are not ok, in file order. */
    public List<PointRecord> notOk() {
        return points.stream().filter(p -> !p.ok()).toList();
    }
}
