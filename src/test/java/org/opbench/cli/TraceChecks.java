package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of a Chrome trace: the object form, named tracks, complete events strictly nested per track. */
final class TraceChecks {
    private TraceChecks() {
    }

    /**
     * Asserts that {@code trace} has {@code runs} run events and {@code layers} layer events, each layer event
     * inside exactly one run event of its track, and events on one track nested or disjoint, never overlapping.
     */
    static void assertNested(JsonNode trace, int runs, int layers) {
        assertEquals("ms", trace.get("displayTimeUnit").asText());
        Set<Integer> named = new HashSet<>();
        Map<Integer, List<JsonNode>> byTrack = new HashMap<>();
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("process_name")) {
                    named.add(e.get("pid").asInt());
                }
                continue;
            }
            assertEquals("X", ph, e.toString());
            assertTrue(e.get("ts").asDouble() >= 0 && e.get("dur").asDouble() >= 0, e.toString());
            byTrack.computeIfAbsent(e.get("pid").asInt(), k -> new ArrayList<>()).add(e);
        }
        assertEquals(named, byTrack.keySet(), "every track has a process_name");
        int runEvents = 0;
        int layerEvents = 0;
        for (List<JsonNode> events : byTrack.values()) {
            List<JsonNode> parents = events.stream().filter(e -> e.get("cat").asText().equals("run")).toList();
            runEvents += parents.size();
            for (int i = 0; i < parents.size(); i++) {
                for (int j = i + 1; j < parents.size(); j++) {
                    assertTrue(end(parents.get(i)) <= start(parents.get(j)) || end(parents.get(j)) <= start(parents.get(i)),
                            "runs overlap: " + parents.get(i) + " " + parents.get(j));
                }
            }
            List<JsonNode> children = events.stream().filter(e -> !e.get("cat").asText().equals("run")).toList();
            layerEvents += children.size();
            for (JsonNode c : children) {
                long in = parents.stream().filter(p -> start(p) <= start(c) && end(c) <= end(p)).count();
                assertEquals(1, in, "layer event in " + in + " run events: " + c);
            }
            // layers of one run end to end: sorted by start, each starts where the previous ended or later
            List<JsonNode> sorted = new ArrayList<>(children);
            sorted.sort((x, y) -> Long.compare(start(x), start(y)));
            for (int i = 1; i < sorted.size(); i++) {
                JsonNode prev = sorted.get(i - 1);
                JsonNode cur = sorted.get(i);
                assertTrue(end(prev) <= start(cur) || end(cur) == start(cur) || end(prev) == start(prev),
                        "layer events overlap: " + prev + " " + cur);
            }
        }
        assertEquals(runs, runEvents);
        assertEquals(layers, layerEvents, "every layer record became an event");
    }

    /** Times in ns, from the µs with three decimals the trace holds. */
    static long start(JsonNode e) {
        return Math.round(e.get("ts").asDouble() * 1000);
    }

    static long end(JsonNode e) {
        return Math.round((e.get("ts").asDouble() + e.get("dur").asDouble()) * 1000);
    }
}
