package org.opbench.env;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.result.HostInfo;

/** Reads the machine facts of the run header from /proc and sysfs (Linux); absent facts are null. */
public final class HostProbe {
    private static final Set<String> ISA_FLAGS = Set.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c",
            "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_bf16",
            "amx_int8", "neon", "asimd", "asimdhp", "asimddp", "sve", "sve2", "fphp", "i8mm", "bf16");

    private HostProbe() {
    }

    public static HostInfo probe() {
        String model = null;
        List<String> isa = new ArrayList<>();
        Set<String> cores = new HashSet<>();
        String physical = null;
        for (Map.Entry<String, String> field : CpuInfo.fields(Path.of("/proc/cpuinfo"))) {
            String value = field.getValue();
            switch (field.getKey()) {
                case "model name", "Model", "Hardware" -> {
                    if (model == null) {
                        model = value;
                    }
                }
                case "flags", "Features" -> {
                    if (isa.isEmpty()) {
                        for (String f : value.split("\\s+")) {
                            if (ISA_FLAGS.contains(f)) {
                                isa.add(f);
                            }
                        }
                    }
                }
                case "physical id" -> physical = value;
                case "core id" -> cores.add(physical + ":" + value);
                default -> { }
            }
        }
        int logical = Runtime.getRuntime().availableProcessors();
        return new HostInfo(hostname(), model, cores.isEmpty() ? null : cores.size(), logical,
                System.getProperty("os.arch"), isa, memoryMb(), System.getProperty("os.name"),
                System.getProperty("os.version"), governor(), maxMhz(),
                System.getProperty("java.vm.name") + " " + Runtime.version());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    private static Long memoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String governor() {
        try {
            return Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static Double maxMhz() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"))
                    .strip()) / 1000;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
