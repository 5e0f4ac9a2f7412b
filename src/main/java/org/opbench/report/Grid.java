package org.opbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values by category (layer) and series, in first-seen order; missing cells are null. */
final class Grid {
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Map<String, Object>> series = new LinkedHashMap<>();

    void put(String category, String seriesName, Object value) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).put(category, value);
    }

    boolean isEmpty() {
        return categories.isEmpty();
    }

    Map<String, Object> toMap(String valueKey) {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        series.forEach((name, byCat) -> {
            List<Object> v = new ArrayList<>();
            categories.forEach(c -> v.add(byCat.get(c)));
            values.put(name, v);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categories", categories);
        m.put("series", named(values, valueKey));
        return m;
    }

    /** {@code [{"name": NAME, KEY: VALUE}, ...]} in the map's order: the series list of every plot. */
    static List<Map<String, Object>> named(Map<String, ?> byName, String valueKey) {
        List<Map<String, Object>> list = new ArrayList<>();
        byName.forEach((name, value) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put(valueKey, value);
            list.add(s);
        });
        return list;
    }
}
