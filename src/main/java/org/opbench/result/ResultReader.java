package org.opbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opbench.problem.InputFileException;

/**
 * Reads JSON Lines result files into typed records. A malformed last line without a newline (a sweep killed
 * mid-write) is ignored with a warning; any other malformed line is an error naming the file and line. The kinds
 * of this package (run, point, network, layer) are always read; kinds defined above it (peaks) are read when the
 * caller names them, and records of other kinds are skipped with a warning.
 */
public final class ResultReader {
    /** Longest line accepted (a point with 10^6 samples is about 10 MB). */
    public static final int MAX_LINE_CHARS = 64 << 20;

    /** The kinds every reader reads. */
    public static final Map<String, Class<? extends Record>> KINDS = Map.of(RunRecord.KIND, RunRecord.class,
            PointRecord.KIND, PointRecord.class, NetworkRecord.KIND, NetworkRecord.class, LayerRecord.KIND,
            LayerRecord.class);

    private ResultReader() {
    }

    /** Reads the kinds of {@link #KINDS}. */
    public static ResultFile read(Path file) {
        return read(file, Map.of());
    }

    /** Reads the kinds of {@link #KINDS} and {@code more} (kind to type, such as peaks). */
    public static ResultFile read(Path file, Map<String, Class<? extends Record>> more) {
        Map<String, Class<? extends Record>> kinds = new HashMap<>(KINDS);
        kinds.putAll(more);
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, 0, Files.exists(file) ? "not a regular file" : "no such file");
        }
        List<Record> records = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        boolean endsWithNewline = endsWithNewline(file);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.length() > MAX_LINE_CHARS) {
                    throw new InputFileException(file, lines.size() + 1, "line longer than " + MAX_LINE_CHARS + " characters");
                }
                lines.add(line);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputFileException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputFileException(file, 0, "cannot read: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            boolean last = i == lines.size() - 1;
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (JsonProcessingException e) {
                if (last && !endsWithNewline) {
                    warnings.add(file + ":" + (i + 1) + ": ignoring a torn last line (the run was interrupted while writing it)");
                    continue;
                }
                throw new InputFileException(file, i + 1, "malformed JSON: " + e.getOriginalMessage());
            }
            try {
                if (node == null || !node.isObject() || !node.has("record")) {
                    throw new InputFileException(file, i + 1, "not an opbench record (a JSON object with a \"record\" key)");
                }
                String kind = node.get("record").asText();
                Class<? extends Record> type = kinds.get(kind);
                if (node.has("schema") && node.get("schema").isInt() && node.get("schema").asInt() > Json.SCHEMA) {
                    throw new InputFileException(file, i + 1, "written with result schema " + node.get("schema")
                            + ", newer than the schema " + Json.SCHEMA + " this opbench reads; use a newer opbench");
                }
                if (kind.equals(PointRecord.KIND)) { // points are what every analysis reads: all their keys
                    List<String> missing = Required.missing(kind, node);
                    if (!missing.isEmpty()) {
                        throw new InputFileException(file, i + 1, "a " + kind + " record without the required key"
                                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
                    }
                }
                if (type == null) {
                    skipped.merge(kind, 1, Integer::sum);
                } else {
                    records.add(Json.mapper().treeToValue(node, type));
                }
            } catch (JsonProcessingException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String why = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
                throw new InputFileException(file, i + 1, "bad value: " + why);
            } catch (IllegalArgumentException e) {
                if (e instanceof InputFileException ife) {
                    throw ife;
                }
                throw new InputFileException(file, i + 1, "bad value: " + e.getMessage());
            }
        }
        skipped.forEach((kind, n) -> warnings.add(file + ": skipped " + n + " record(s) of kind '" + kind
                + "' (not read here)"));
        if (records.stream().noneMatch(RunRecord.class::isInstance)
                && records.stream().anyMatch(PointRecord.class::isInstance)) {
            warnings.add(file + ": no run record (not written by opbench sweep?)");
        }
        return new ResultFile(file, records, warnings, skipped);
    }

    /**
     * The record of a JSON tree of a kind in {@link #KINDS} (a record a worker sent); an
     * {@link IllegalArgumentException} for any other tree.
     */
    public static Record decode(JsonNode node) {
        Class<? extends Record> type = node == null ? null : KINDS.get(node.path("record").asText());
        if (type == null) {
            throw new IllegalArgumentException("not an opbench record of a known kind: " + node);
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Cuts a torn last line (bytes after the last newline) off {@code file} so that records appended later start
     * on a line of their own. Returns the number of bytes removed.
     */
    public static long dropTornTail(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = size;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            while (pos > 0) {
                b.clear();
                ch.read(b, pos - 1);
                if (b.get(0) == '\n') {
                    break;
                }
                pos--;
            }
            if (pos < size) {
                ch.truncate(pos);
            }
            return size - pos;
        }
    }

    private static boolean endsWithNewline(Path file) {
        try (var ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ch.position(size - 1);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b);
            return b.get(0) == '\n';
        } catch (IOException e) {
            return true;
        }
    }

    /** The keys each record kind must have, read once from the result schema (the one place they are listed). */
    private static final class Required {
        private static final Map<String, List<String>> KEYS = load();

        static List<String> missing(String kind, JsonNode node) {
            return KEYS.getOrDefault(kind, List.of()).stream().filter(k -> !node.has(k)).toList();
        }

        private static Map<String, List<String>> load() {
            try (var in = ResultReader.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("the result schema is missing from the classpath");
                }
                Map<String, List<String>> m = new HashMap<>();
                Json.mapper().readTree(in).path("$defs").fields().forEachRemaining(e -> {
                    List<String> keys = new ArrayList<>();
                    e.getValue().path("required").forEach(k -> keys.add(k.asText()));
                    m.put(e.getKey(), List.copyOf(keys));
                });
                return m;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
