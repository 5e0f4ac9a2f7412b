package org.opbench.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A result file as read: its run records, point records, records of other kinds (network, layer, ...) as JSON
 * trees, and warnings (a torn last line).
 */
public record ResultFile(Path path, List<RunRecord> runs, List<PointRecord> points, List<JsonNode> others,
                         List<String> warnings) {
}
