package org.opbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether this JVM runs under a user-mode emulator (qemu-user), found from the host's own facts rather than from
 * a flag: the process name the kernel keeps for this process (qemu-user does not rewrite {@code /proc/self/status},
 * so it reads {@code qemu-aarch64-st}), and {@code /proc/cpuinfo}, which qemu-user passes through from the host, so
 * that it describes another architecture than {@code os.arch}. Timings taken under emulation say nothing about the
 * emulated hardware.
 */
public final class Emulation {
    private static String cached;
    private static boolean probed;

    private Emulation() {
    }

    /** The evidence of emulation, or null when none was found. Probed once per process. */
    public static synchronized String detect() {
        if (!probed) {
            cached = detect(read(Path.of("/proc/self/status")), read(Path.of("/proc/cpuinfo")),
                    System.getProperty("os.arch", ""));
            probed = true;
        }
        return cached;
    }

    /** The evidence found in the given {@code /proc} texts (null when unreadable) for a JVM on {@code osArch}. */
    static String detect(String status, String cpuinfo, String osArch) {
        List<String> evidence = new ArrayList<>();
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("Name:")) {
                    String name = line.substring(5).strip();
                    if (name.startsWith("qemu-")) {
                        evidence.add("the process runs as '" + name + "' (/proc/self/status)");
                    }
                }
            }
        }
        String jvm = family(osArch);
        String cpu = cpuinfo == null ? null : cpuFamily(cpuinfo);
        if (jvm != null && cpu != null && !jvm.equals(cpu)) {
            evidence.add("os.arch is " + osArch + " but /proc/cpuinfo describes an " + cpu + " CPU"
                    + cpuName(cpuinfo));
        }
        return evidence.isEmpty() ? null : String.join("; ", evidence);
    }

    /** Whether a worker launcher command starts an emulator (its program is named qemu-*). */
    public static boolean emulatorLauncher(List<String> launcher) {
        if (launcher == null || launcher.isEmpty()) {
            return false;
        }
        String program = Path.of(launcher.get(0)).getFileName().toString();
        return program.startsWith("qemu-");
    }

    public static String family(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("x86") || a.matches("i[3-6]86")) {
            return "x86";
        }
        if (a.equals("aarch64") || a.equals("arm64") || a.startsWith("arm")) {
            return "arm";
        }
        if (a.startsWith("riscv")) {
            return "riscv";
        }
        if (a.startsWith("ppc")) {
            return "powerpc";
        }
        if (a.startsWith("s390")) {
            return "s390";
        }
        return null;
    }

    private static String cpuFamily(String cpuinfo) {
        if (cpuinfo.contains("\nCPU implementer") || cpuinfo.startsWith("CPU implementer")
                || cpuinfo.contains("\nFeatures\t") || cpuinfo.contains("\nCPU architecture")) {
            return "arm";
        }
        if (cpuinfo.contains("vendor_id") && cpuinfo.contains("\nflags")) {
            return "x86";
        }
        if (cpuinfo.contains("\nisa\t") || cpuinfo.startsWith("processor\t: 0\nhart")) {
            return "riscv";
        }
        return null;
    }

    private static String cpuName(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                return colon < 0 ? "" : " (" + line.substring(colon + 1).strip() + ")";
            }
        }
        return "";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
