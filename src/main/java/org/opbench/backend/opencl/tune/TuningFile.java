package org.opbench.backend.opencl.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.backend.opencl.ops.Defines;

/**
 * Tuning results on disk ({@code tuning.json} under the cache directory), keyed by device name, driver
 * version, kernel sources (file names and a hash of their text), problem descriptor, algorithm and tuner mode.
 * Reads and read-modify-writes hold a file lock, so concurrent workers do not lose entries; a corrupt file is
 * ignored (and replaced on the next store).
 */
public final class TuningFile {
    public static final String FORMAT = "opbench-opencl-tuning/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public TuningFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The lookup key of one point. */
    public record Key(String device, String driver, String kernel, String problem, String algorithm, String tuner) {
        String id() {
            return String.join("|", device, driver, kernel, problem, algorithm, tuner);
        }
    }

    /**
     * What the file holds for a key: nothing ({@code config} and {@code invalid} null), a configuration, or an entry
     * that cannot be used ({@code invalid} says why, naming the file and the key).
     */
    public record Lookup(TunedConfig config, String invalid) {
        static final Lookup NONE = new Lookup(null, null);
    }

    /** The stored configuration for {@code key} (source {@code file}, tuning time 0), or null (also when unusable). */
    public TunedConfig lookup(Key key) {
        return read(key).config();
    }

    /** The entry for {@code key}: absent, a configuration, or why it cannot be used. */
    public Lookup read(Key key) {
        JsonNode e;
        try {
            e = withLock(false, root -> root.path("entries").path(key.id()));
        } catch (IOException | RuntimeException ex) {
            return Lookup.NONE; // unreadable file: nothing stored (replaced on the next store)
        }
        if (e == null || e.isMissingNode()) {
            return Lookup.NONE;
        }
        try {
            return new Lookup(parse(e), null);
        } catch (IllegalArgumentException ex) {
            return new Lookup(null, invalid(key, ex.getMessage()));
        }
    }

    /** The one-line report of an unusable entry: file, key and why. */
    public String invalid(Key key, String why) {
        return file + ": entry '" + key.id() + "': " + why;
    }

    private static TunedConfig parse(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        Map<String, Integer> defs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.path("defines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (!d.getValue().isIntegralNumber()) {
                throw new IllegalArgumentException("define " + d.getKey() + " is not an integer: " + d.getValue());
            }
            defs.put(d.getKey(), d.getValue().intValue());
        }
        JsonNode ls = e.path("local");
        if (!ls.isArray() || ls.isEmpty()) {
            throw new IllegalArgumentException("'local' is not a non-empty array: " + ls);
        }
        List<long[]> locals = new ArrayList<>();
        for (JsonNode l : ls) {
            if (l.isNull()) {
                locals.add(null);
                continue;
            }
            if (!l.isArray() || l.isEmpty()) {
                throw new IllegalArgumentException("local size " + l + " is neither null nor an array of sizes");
            }
            long[] v = new long[l.size()];
            for (int i = 0; i < v.length; i++) {
                if (!l.get(i).canConvertToLong() || !l.get(i).isIntegralNumber()) {
                    throw new IllegalArgumentException("local size " + l + " holds a non-integer");
                }
                v[i] = l.get(i).asLong();
            }
            locals.add(v);
        }
        TunedConfig.Evidence ev = null;
        JsonNode decision = e.path("tuning_decision");
        if (decision.isTextual()) {
            JsonNode g = e.path("tuning_gain");
            Decision.Gain gain = g.isObject() ? new Decision.Gain(g.path("ratio").asDouble(), g.path("lo").asDouble(),
                    g.path("hi").asDouble(), g.path("rounds").asInt(), g.path("coverage").asDouble()) : null;
            try {
                ev = new TunedConfig.Evidence(e.path("untuned_us").asDouble(), gain, decision.asText());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("tuning_decision: " + ex.getMessage());
            }
        }
        return new TunedConfig(new Defines(defs), locals, "file", e.path("evaluated").asInt(),
                e.path("device_ns").asLong(-1), 0, ev);
    }

    /** Stores {@code cfg} under {@code key}; returns false when the file could not be written. */
    public boolean store(Key key, TunedConfig cfg) {
        try {
            withLock(true, root -> {
                ObjectNode entries = root.has("entries") && root.get("entries").isObject()
                        ? (ObjectNode) root.get("entries") : root.putObject("entries");
                ObjectNode e = entries.putObject(key.id());
                e.put("device", key.device());
                e.put("driver", key.driver());
                e.put("kernel", key.kernel());
                e.put("problem", key.problem());
                e.put("algorithm", key.algorithm());
                e.put("tuner", key.tuner());
                ObjectNode d = e.putObject("defines");
                cfg.variant().values().forEach(d::put);
                ArrayNode ls = e.putArray("local");
                for (long[] l : cfg.locals()) {
                    if (l == null) {
                        ls.addNull();
                    } else {
                        ArrayNode a = ls.addArray();
                        for (long x : l) {
                            a.add(x);
                        }
                    }
                }
                e.put("device_ns", cfg.bestNanos());
                e.put("evaluated", cfg.evaluated());
                e.put("tuning_ms", cfg.tuningMs());
                TunedConfig.Evidence ev = cfg.evidence();
                if (ev != null) {
                    e.put("untuned_us", ev.untunedUs());
                    if (ev.gain() != null) {
                        ObjectNode g = e.putObject("tuning_gain");
                        g.put("ratio", ev.gain().ratio());
                        g.put("lo", ev.gain().lo());
                        g.put("hi", ev.gain().hi());
                        g.put("rounds", ev.gain().rounds());
                        g.put("coverage", ev.gain().coverage());
                    }
                    e.put("tuning_decision", ev.decision());
                }
                root.put("format", FORMAT);
                return null;
            });
            return true;
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private interface Body {
        JsonNode apply(ObjectNode root) throws IOException;
    }

    private static JsonNode withLock(Path file, boolean write, Body body) throws IOException {
        synchronized (TuningFile.class) {
            return lockedIo(file, write, body);
        }
    }

    private JsonNode withLock(boolean write, Body body) throws IOException {
        return withLock(file, write, body);
    }

    private static JsonNode lockedIo(Path file, boolean write, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!write && !Files.exists(file)) {
            return null;
        }
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            ObjectNode root = read(file);
            JsonNode out = body.apply(root);
            if (write) {
                Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
                JSON.writeValue(tmp.toFile(), root);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return out;
        }
    }

    private static ObjectNode read(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                JsonNode n = JSON.readTree(file.toFile());
                if (n != null && n.isObject() && FORMAT.equals(n.path("format").asText())) {
                    return (ObjectNode) n;
                }
            }
        } catch (IOException | RuntimeException e) {
            // corrupt or foreign: start afresh
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.putObject("entries");
        return root;
    }
}
