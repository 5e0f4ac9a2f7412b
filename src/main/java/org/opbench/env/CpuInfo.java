package org.opbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code key : value} lines of {@code /proc/cpuinfo} (Linux). */
public final class CpuInfo {
    private CpuInfo() {
    }

    /**
     * Every line of {@code file} that has a colon, as its key and value with surrounding blanks removed, in file
     * order (one entry per processor for per-processor keys); empty when the file cannot be read (not Linux).
     */
    public static List<Map.Entry<String, String>> fields(Path file) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    fields.add(new SimpleImmutableEntry<>(line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip()));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return fields;
    }
}
