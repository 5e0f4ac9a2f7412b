package org.opbench.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opbench.peaks.PeaksRecord;
import org.opbench.problem.InputFileException;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;

/**
 * The records of one or more result files, by kind: run headers, points (one per key, the last read), peaks,
 * network and layer records, and warnings (torn lines, points measured twice).
 */
public record ResultSet(List<Path> files, List<RunRecord> runs, List<PointRecord> points, List<PeaksRecord> peaks,
                        List<JsonNode> networks, List<JsonNode> layers, List<String> warnings) {
    public static final String NETWORK = "network";
    public static final String LAYER = "layer";

    /** Reads the files; a file that cannot be read or parsed is an {@link InputFileException}. */
    public static ResultSet read(List<Path> files) {
        List<ResultFile> read = new ArrayList<>();
        for (Path f : files) {
            read.add(ResultReader.read(f));
        }
        return of(read);
    }

    public static ResultSet of(List<ResultFile> files) {
        List<Path> paths = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        List<PointRecord> all = new ArrayList<>();
        List<PeaksRecord> peaks = new ArrayList<>();
        List<JsonNode> networks = new ArrayList<>();
        List<JsonNode> layers = new ArrayList<>();
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
            for (JsonNode n : f.others()) {
                String kind = n.get("record").asText();
                if (PeaksRecord.is(n)) {
                    try {
                        peaks.add(PeaksRecord.from(n));
                    } catch (IllegalArgumentException e) {
                        throw new InputFileException(f.path(), 0, e.getMessage());
                    }
                } else if (NETWORK.equals(kind)) {
                    networks.add(n);
                } else if (LAYER.equals(kind)) {
                    layers.add(n);
                }
            }
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
