package org.opbench.peaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.opbench.env.CpuInfo;

/**
 * What the theoretical peak and the triad need to know about the CPU, from {@code /proc/cpuinfo} and sysfs (Linux;
 * null where absent): vendor, family, every feature flag, the highest {@code cpu MHz} any core reports, and the size
 * of the last-level cache.
 */
public record CpuFacts(String vendor, Integer family, Set<String> flags, Double cpuinfoMhz, Long llcBytes) {
    public static CpuFacts read() {
        return read(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu/cpu0/cache"));
    }

    static CpuFacts read(Path cpuinfo, Path cacheDir) {
        String vendor = null;
        Integer family = null;
        Set<String> flags = new LinkedHashSet<>();
        Double mhz = null;
        for (Map.Entry<String, String> field : CpuInfo.fields(cpuinfo)) {
            String value = field.getValue();
            switch (field.getKey()) {
                case "vendor_id", "CPU implementer" -> vendor = vendor == null ? value : vendor;
                case "cpu family" -> family = family == null ? parseInt(value) : family;
                case "flags", "Features" -> {
                    if (flags.isEmpty()) {
                        for (String f : value.split("\\s+")) {
                            flags.add(f.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                case "cpu MHz" -> {
                    try {
                        double v = Double.parseDouble(value);
                        mhz = mhz == null ? v : Math.max(mhz, v);
                    } catch (NumberFormatException e) {
                        // ignore a malformed line
                    }
                }
                default -> { }
            }
        }
        return new CpuFacts(vendor, family, flags, mhz, llc(cacheDir));
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The largest cache of the highest level under {@code cacheDir} (files level and size, e.g. "32768K", of each index directory). */
    static Long llc(Path cacheDir) {
        if (!Files.isDirectory(cacheDir)) {
            return null;
        }
        int bestLevel = -1;
        Long best = null;
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                try {
                    int level = Integer.parseInt(Files.readString(d.resolve("level")).strip());
                    Long size = parseSize(Files.readString(d.resolve("size")).strip());
                    if (size != null && (level > bestLevel || level == bestLevel && size > best)) {
                        bestLevel = level;
                        best = size;
                    }
                } catch (IOException | NumberFormatException e) {
                    // an entry without level or size
                }
            }
        } catch (IOException e) {
            return null;
        }
        return best;
    }

    static Long parseSize(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long mult = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits.strip()) * mult;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    List<String> flagList() {
        return List.copyOf(flags);
    }
}
