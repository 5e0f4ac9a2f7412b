package org.opbench.env;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.opbench.measure.ProcText;

/**
 * Whether this machine gives reproducible timings (issue 15), like pyperf's {@code system show} and Google
 * Benchmark's start-up warnings: each check has a value, a verdict and what to do. Linux only: every fact comes from
 * {@code /proc} and {@code /sys/devices/system/cpu}; one that cannot be read is {@link Verdict#unknown}.
 *
 * <p>The checks and their thresholds:
 * <ul>
 *   <li>{@code governor}: every {@code cpuN/cpufreq/scaling_governor}; ok when all are {@code performance}.</li>
 *   <li>{@code boost}: {@code intel_pstate/no_turbo} or {@code cpufreq/boost}; a warning while boost is on (the
 *       clock then follows load and temperature).</li>
 *   <li>{@code smt}: {@code smt/active}; a warning while on (two hardware threads share one core's units).</li>
 *   <li>{@code load}: the 1-minute load average of {@code /proc/loadavg}; a warning above {@link #LOAD_LIMIT}.</li>
 *   <li>{@code steal}: steal time over the probe ({@code /proc/stat}) as a share of all CPU time; a warning above
 *       {@link #STEAL_PCT_LIMIT} %.</li>
 *   <li>{@code busy}: processes other than this one that used more than {@link #BUSY_PCT_LIMIT} % of a CPU over the
 *       probe ({@code utime + stime} of {@code /proc/PID/stat}), the busiest {@link #BUSY_SHOWN} named.</li>
 *   <li>{@code isolated}: {@code isolcpus}/{@code nohz_full} of {@code /proc/cmdline}; never a warning (most
 *       machines have none), the advice says how to get them.</li>
 *   <li>{@code virtualization}: the {@code hypervisor} flag of {@code /proc/cpuinfo}; a warning on a VM (steal and
 *       neighbours, and the guest cannot set the clock).</li>
 *   <li>{@code cores}: each allowed CPU's speed on a fixed loop ({@link CoreSpeed}); a warning when one runs it more
 *       than {@link CoreSpeed#SLOW_RATIO} times slower than the fastest.</li>
 * </ul>
 */
public final class SystemCheck {
    public static final double LOAD_LIMIT = 0.5;
    public static final double STEAL_PCT_LIMIT = 1.0;
    public static final double BUSY_PCT_LIMIT = 5.0;
    public static final int BUSY_SHOWN = 3;

    public enum Verdict { ok, warning, unknown }

    /** One check: its name, what was found, the verdict and what to do about it (null when nothing). */
    @JsonPropertyOrder({"check", "value", "verdict", "advice"})
    public record Item(String check, String value, Verdict verdict, String advice) {
    }

    /** Every check, in a fixed order, and how long the steal and busy-process probe ran. */
    @JsonPropertyOrder({"probe_s", "items"})
    public record Report(double probeS, List<Item> items) {
        public Report {
            items = List.copyOf(items);
        }

        @JsonIgnore
        public List<Item> warnings() {
            return items.stream().filter(i -> i.verdict() == Verdict.warning).toList();
        }

        /** One line for a run header: "ok" or the warnings' checks and values. */
        @JsonIgnore
        public String summary() {
            List<Item> w = warnings();
            if (w.isEmpty()) {
                return "no warnings";
            }
            List<String> parts = new ArrayList<>();
            for (Item i : w) {
                parts.add(i.check() + " " + i.value());
            }
            return w.size() + " warning" + (w.size() == 1 ? "" : "s") + ": " + String.join("; ", parts)
                    + " ('opbench system' says what to do)";
        }
    }

    private SystemCheck() {
    }

    /** Checks this machine, probing steal and busy processes for {@code probeS} seconds. */
    public static Report run(double probeS) throws InterruptedException {
        long ms = Math.max(1, Math.round(probeS * 1000));
        InterruptedException[] stopped = new InterruptedException[1];
        Report r = check(Path.of("/proc"), Path.of("/sys/devices/system/cpu"), ProcessHandle.current().pid(), probeS,
                () -> {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        stopped[0] = e;
                    }
                });
        if (stopped[0] != null) {
            throw stopped[0];
        }
        List<Item> items = new ArrayList<>(r.items());
        items.add(CoreSpeed.item(CoreSpeed.measure()));
        return new Report(r.probeS(), items);
    }

    /**
     * Checks the machine whose files are under {@code proc} and {@code cpu}, leaving out process {@code self}; the
     * probe reads {@code /proc/stat} and the processes, runs {@code wait}, and reads them again.
     */
    static Report check(Path proc, Path cpu, long self, double probeS, Runnable wait) {
        Cpu before = cpuTimes(proc);
        Map<Long, Proc> p0 = processes(proc, self);
        wait.run();
        Cpu after = cpuTimes(proc);
        Map<Long, Proc> p1 = processes(proc, self);
        List<Item> items = new ArrayList<>();
        items.add(governor(cpu));
        items.add(boost(cpu));
        items.add(smt(cpu));
        items.add(load(proc));
        items.add(steal(before, after));
        items.add(busy(before, after, p0, p1));
        items.add(isolated(proc));
        items.add(virtualization(proc));
        return new Report(probeS, items);
    }

    static Item governor(Path cpu) {
        Set<String> governors = new LinkedHashSet<>();
        try (Stream<Path> dirs = Files.list(cpu)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().matches("cpu[0-9]+")).sorted().toList()) {
                String g = readString(d.resolve("cpufreq/scaling_governor"));
                if (g != null) {
                    governors.add(g);
                }
            }
        } catch (IOException e) {
            // no sysfs
        }
        if (governors.isEmpty()) {
            return new Item("governor", "none readable", Verdict.unknown, "no cpufreq in sysfs: the clock is set "
                    + "by firmware or, on a VM, by the host; check the steal and the effective clock ('opbench peaks')");
        }
        String value = String.join(",", governors);
        if (governors.equals(Set.of("performance"))) {
            return new Item("governor", value, Verdict.ok, null);
        }
        return new Item("governor", value, Verdict.warning, "the clock follows the load: "
                + "sudo cpupower frequency-set -g performance");
    }

    static Item boost(Path cpu) {
        String noTurbo = readString(cpu.resolve("intel_pstate/no_turbo"));
        String boost = readString(cpu.resolve("cpufreq/boost"));
        Boolean on = noTurbo != null ? Boolean.valueOf("0".equals(noTurbo)) : boost != null
                ? Boolean.valueOf("1".equals(boost)) : null;
        String where = noTurbo != null ? "intel_pstate/no_turbo=" + noTurbo : boost != null ? "cpufreq/boost=" + boost
                : null;
        if (on == null) {
            return new Item("boost", "unknown", Verdict.unknown, "neither intel_pstate/no_turbo nor cpufreq/boost in "
                    + "sysfs");
        }
        if (!on) {
            return new Item("boost", "off (" + where + ")", Verdict.ok, null);
        }
        return new Item("boost", "on (" + where + ")", Verdict.warning, "the clock varies with load and temperature: "
                + (noTurbo != null ? "echo 1 | sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo"
                : "echo 0 | sudo tee /sys/devices/system/cpu/cpufreq/boost") + " (or report the boost clock used)");
    }

    static Item smt(Path cpu) {
        String active = readString(cpu.resolve("smt/active"));
        if (active == null) {
            return new Item("smt", "unknown", Verdict.unknown, "no smt/active in sysfs");
        }
        if ("0".equals(active)) {
            return new Item("smt", "off", Verdict.ok, null);
        }
        return new Item("smt", "on", Verdict.warning, "sibling hardware threads share a core: use one thread per "
                + "core (--pin, taskset -c with one CPU of each core) or echo off | sudo tee "
                + "/sys/devices/system/cpu/smt/control");
    }

    static Item load(Path proc) {
        String s = readString(proc.resolve("loadavg"));
        if (s == null) {
            return new Item("load", "unknown", Verdict.unknown, "no /proc/loadavg");
        }
        double load;
        try {
            load = Double.parseDouble(s.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return new Item("load", "unreadable", Verdict.unknown, "/proc/loadavg: " + s);
        }
        String value = String.format(Locale.ROOT, "%.2f", load);
        return load > LOAD_LIMIT ? new Item("load", value, Verdict.warning, "other work ran over the last minute: "
                + "wait for it or stop it (see busy)") : new Item("load", value, Verdict.ok, null);
    }

    static Item steal(Cpu before, Cpu after) {
        if (before == null || after == null || after.total <= before.total) {
            return new Item("steal", "unknown", Verdict.unknown, "no /proc/stat");
        }
        double pct = 100.0 * (after.steal - before.steal) / (after.total - before.total);
        String value = String.format(Locale.ROOT, "%.1f%%", pct);
        return pct > STEAL_PCT_LIMIT ? new Item("steal", value, Verdict.warning, "the hypervisor gave this VM's CPUs "
                + "to others: use dedicated vCPUs, fewer threads than vCPUs, or a quieter time")
                : new Item("steal", value, Verdict.ok, null);
    }

    static Item busy(Cpu before, Cpu after, Map<Long, Proc> p0, Map<Long, Proc> p1) {
        if (before == null || after == null || after.total <= before.total || before.cpus == 0 || p1.isEmpty()) {
            return new Item("busy", "unknown", Verdict.unknown, "no /proc/stat or /proc/PID/stat");
        }
        double ticksPerCpu = (double) (after.total - before.total) / before.cpus;
        List<String[]> busy = new ArrayList<>();
        List<Double> pcts = new ArrayList<>();
        for (Map.Entry<Long, Proc> e : p1.entrySet()) {
            Proc old = p0.get(e.getKey());
            long ticks = e.getValue().ticks - (old == null ? e.getValue().ticks : old.ticks);
            double pct = 100.0 * ticks / ticksPerCpu;
            if (pct > BUSY_PCT_LIMIT) {
                busy.add(new String[] {e.getValue().name, String.valueOf(e.getKey())});
                pcts.add(pct);
            }
        }
        if (busy.isEmpty()) {
            return new Item("busy", "none", Verdict.ok, null);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < busy.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -pcts.get(i)));
        List<String> named = new ArrayList<>();
        for (int i : order.subList(0, Math.min(BUSY_SHOWN, order.size()))) {
            named.add(String.format(Locale.ROOT, "%s (pid %s, %.0f%%)", busy.get(i)[0], busy.get(i)[1], pcts.get(i)));
        }
        String value = String.join(", ", named) + (busy.size() > BUSY_SHOWN ? " and " + (busy.size() - BUSY_SHOWN)
                + " more" : "");
        return new Item("busy", value, Verdict.warning, "stop them while measuring, or keep them off the measured "
                + "cores (taskset -p -c LIST PID)");
    }

    static Item isolated(Path proc) {
        String cmdline = readString(proc.resolve("cmdline"));
        if (cmdline == null) {
            return new Item("isolated", "unknown", Verdict.unknown, "no /proc/cmdline");
        }
        List<String> found = new ArrayList<>();
        for (String token : cmdline.split("\\s+")) {
            if (token.startsWith("isolcpus=") || token.startsWith("nohz_full=")) {
                found.add(token);
            }
        }
        if (found.isEmpty()) {
            return new Item("isolated", "none", Verdict.ok, "for the quietest cores boot with isolcpus=LIST "
                    + "nohz_full=LIST and measure on them (taskset -c LIST ./opbench ... --pin)");
        }
        return new Item("isolated", String.join(" ", found), Verdict.ok, "run on those CPUs: taskset -c LIST "
                + "./opbench ... --pin");
    }

    static Item virtualization(Path proc) {
        List<Map.Entry<String, String>> fields = CpuInfo.fields(proc.resolve("cpuinfo"));
        if (fields.isEmpty()) {
            return new Item("virtualization", "unknown", Verdict.unknown, "no /proc/cpuinfo");
        }
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals("flags") || f.getKey().equals("Features")) {
                if ((" " + f.getValue() + " ").contains(" hypervisor ")) {
                    return new Item("virtualization", "virtual machine (hypervisor flag)", Verdict.warning,
                            "neighbours steal CPU time and the host sets the clock: prefer dedicated vCPUs, watch "
                                    + "steal, repeat runs and compare with 'opbench compare'");
                }
                return new Item("virtualization", "bare metal (no hypervisor flag)", Verdict.ok, null);
            }
        }
        return new Item("virtualization", "unknown", Verdict.unknown, "no flags line in /proc/cpuinfo");
    }

    /** The aggregate cpu line of /proc/stat: total ticks (all columns but guest, which user already counts) and steal. */
    record Cpu(long total, long steal, int cpus) {
    }

    static Cpu cpuTimes(Path proc) {
        String s = readString(proc.resolve("stat"));
        if (s == null) {
            return null;
        }
        long total = 0;
        long steal = -1;
        int cpus = 0;
        for (String line : s.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                    long v = parseLong(f[i]);
                    total += Math.max(0, v);
                    if (i == 8) {
                        steal = v;
                    }
                }
            } else if (f[0].matches("cpu[0-9]+")) {
                cpus++;
            }
        }
        return steal < 0 ? null : new Cpu(total, steal, cpus);
    }

    record Proc(String name, long ticks) {
    }

    /** utime + stime of every process but {@code self}, by pid. */
    static Map<Long, Proc> processes(Path proc, long self) {
        Map<Long, Proc> out = new HashMap<>();
        try (Stream<Path> dirs = Files.list(proc)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.matches("[0-9]+")) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == self) {
                    continue;
                }
                Proc p = parseStat(readString(d.resolve("stat")));
                if (p != null) {
                    out.put(pid, p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc absent: an empty map
        }
        return out;
    }

    /** The command name and utime + stime of a {@code /proc/PID/stat} line (the name may hold blanks and ')'). */
    static Proc parseStat(String s) {
        if (s == null) {
            return null;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long u = ProcText.statField(b, b.length, 14);
        long st = ProcText.statField(b, b.length, 15);
        return u < 0 || st < 0 ? null : new Proc(s.substring(open + 1, close), u + st);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
