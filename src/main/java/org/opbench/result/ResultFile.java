package org.opbench.result;

import java.nio.file.Path;
import java.util.List;

/**
 * A result file as read: its records in file order, each as its type, and warnings (a torn last line, records of
 * kinds the reader was not asked for).
 */
public record ResultFile(Path path, List<Record> records, List<String> warnings) {
    public ResultFile {
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
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
