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
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, byCat) -> {
            List<Object> values = new ArrayList<>();
            categories.forEach(c -> values.add(byCat.get(c)));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put(valueKey, values);
            list.add(s);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categories", categories);
        m.put("series", list);
        return m;
    }
}
