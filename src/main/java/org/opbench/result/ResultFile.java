package org.opbench.result;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A result file as read: its records in file order, each as its type, and warnings (a torn last line, records of
 * kinds the reader was not asked for) and those kinds with their counts ({@code skippedKinds}).
 */
public record ResultFile(Path path, List<Record> records, List<String> warnings, Map<String, Integer> skippedKinds) {
    public ResultFile {
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
        skippedKinds = skippedKinds == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(skippedKinds));
    }

    public ResultFile(Path path, List<Record> records, List<String> warnings) {
        this(path, records, warnings, Map.of());
    }

    /**
     * The newest result-file schema among the file's run records, 0 when it has none: a file newer than
     * {@link Json#SCHEMA} may use keys or meanings this reader does not know.
     */
    public int schema() {
        return runs().stream().mapToInt(RunRecord::schema).max().orElse(0);
    }

    /** The records of one type, in file order. */
    public <T extends Record> List<T> all(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<RunRecord> runs() {
        return all(RunRecord.class);
    }

    public List<PointRecord> points() {
        return all(PointRecord.class);
    }

    public List<NetworkRecord> networks() {
        return all(NetworkRecord.class);
    }

    public List<LayerRecord> layers() {
        return all(LayerRecord.class);
    }
}
