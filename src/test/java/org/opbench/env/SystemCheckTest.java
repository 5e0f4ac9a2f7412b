package org.opbench.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCheckTest {
    @TempDir
    Path dir;

    private void put(String fixture, Path to) {
        try {
            Files.createDirectories(to.getParent());
            try (InputStream in = SystemCheckTest.class.getResourceAsStream("system/" + fixture)) {
                Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, SystemCheck.Item> byName(SystemCheck.Report r) {
        return r.items().stream().collect(Collectors.toMap(SystemCheck.Item::check, Function.identity()));
    }

    private Path proc() {
        Path proc = dir.resolve("proc");
        put("stat-before.txt", proc.resolve("stat"));
        put("pid-before.txt", proc.resolve("4711/stat"));
        put("idle.txt", proc.resolve("99/stat"));
        put("cpuinfo-vm.txt", proc.resolve("cpuinfo"));
        put("cmdline-isolated.txt", proc.resolve("cmdline"));
        put("loadavg.txt", proc.resolve("loadavg"));
        return proc;
    }

    @Test
    void busyVmWithPowersaveGovernorBoostAndSmtWarnsAboutEach() throws IOException {
        Path proc = proc();
        Path cpu = dir.resolve("cpu");
        for (String c : new String[] {"cpu0", "cpu1"}) {
            Files.createDirectories(cpu.resolve(c + "/cpufreq"));
            Files.writeString(cpu.resolve(c + "/cpufreq/scaling_governor"), c.equals("cpu0") ? "powersave\n"
                    : "performance\n");
        }
        Files.createDirectories(cpu.resolve("intel_pstate"));
        Files.writeString(cpu.resolve("intel_pstate/no_turbo"), "0\n");
        Files.createDirectories(cpu.resolve("smt"));
        Files.writeString(cpu.resolve("smt/active"), "1\n");
        SystemCheck.Report r = SystemCheck.check(proc, cpu, 1, 1.0, () -> {
            put("stat-after.txt", proc.resolve("stat"));
            put("pid-after.txt", proc.resolve("4711/stat"));
        });
        Map<String, SystemCheck.Item> m = byName(r);
        assertEquals("powersave,performance", m.get("governor").value());
        assertEquals(SystemCheck.Verdict.warning, m.get("governor").verdict());
        assertTrue(m.get("governor").advice().contains("cpupower frequency-set -g performance"));
        assertEquals("on (intel_pstate/no_turbo=0)", m.get("boost").value());
        assertEquals(SystemCheck.Verdict.warning, m.get("smt").verdict());
        assertEquals("1.75", m.get("load").value());
        assertEquals(SystemCheck.Verdict.warning, m.get("load").verdict());
        // 20 of 170 ticks were stolen
        assertEquals("11.8%", m.get("steal").value());
        assertEquals(SystemCheck.Verdict.warning, m.get("steal").verdict());
        // 60 ticks of 85 per CPU; the name keeps its blanks and parentheses; the idle sshd is not named
        assertEquals("my (odd) proc (pid 4711, 71%)", m.get("busy").value());
        assertEquals("isolcpus=2,3 nohz_full=2,3", m.get("isolated").value());
        assertEquals(SystemCheck.Verdict.ok, m.get("isolated").verdict());
        assertEquals(SystemCheck.Verdict.warning, m.get("virtualization").verdict());
        assertEquals(7, r.warnings().size());
        assertTrue(r.summary().startsWith("7 warnings: governor powersave,performance; boost on"), r.summary());
    }

    @Test
    void quietBareMetalWithPerformanceGovernorIsOkAndLeavesItselfOut() throws IOException {
        Path proc = proc();
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nflags\t\t: fpu avx2 fma\n");
        Files.writeString(proc.resolve("loadavg"), "0.02 0.10 0.20 1/100 4711\n");
        Files.writeString(proc.resolve("cmdline"), "root=/dev/sda1 quiet\n");
        Path cpu = dir.resolve("cpu");
        Files.createDirectories(cpu.resolve("cpu0/cpufreq"));
        Files.writeString(cpu.resolve("cpu0/cpufreq/scaling_governor"), "performance\n");
        Files.createDirectories(cpu.resolve("cpufreq"));
        Files.writeString(cpu.resolve("cpufreq/boost"), "0\n");
        Files.createDirectories(cpu.resolve("smt"));
        Files.writeString(cpu.resolve("smt/active"), "0\n");
        SystemCheck.Report r = SystemCheck.check(proc, cpu, 4711, 1.0, () -> {
            put("pid-after.txt", proc.resolve("4711/stat")); // busy, but it is this process
            try {
                Files.writeString(proc.resolve("stat"), Files.readString(proc.resolve("stat"))
                        .replace("cpu  1279984 1114 240224 416653", "cpu  1279984 1114 240224 416853"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(0, r.warnings().size(), r.items().toString());
        assertEquals("no warnings", r.summary());
        Map<String, SystemCheck.Item> m = byName(r);
        assertEquals("0.0%", m.get("steal").value());
        assertEquals("none", m.get("busy").value());
        assertEquals("off (cpufreq/boost=0)", m.get("boost").value());
        assertEquals("none", m.get("isolated").value());
    }

    @Test
    void aStatLineGivesTheWholeNameAndUserPlusSystemTicks() {
        // a name with a blank and a ')' in it; utime 1234 and stime 56 are fields 14 and 15
        SystemCheck.Proc p = SystemCheck.parseStat("4242 (my (odd) name) R 1 4242 4242 0 -1 4194560 120 0 0 0 1234 56 0 0 "
                + "20 0 1 0 100 1000 10");
        assertEquals("my (odd) name", p.name());
        assertEquals(1290, p.ticks());
        assertNull(SystemCheck.parseStat("4242 (short) R 1 2"), "too few fields");
        assertNull(SystemCheck.parseStat("no parentheses at all"));
        assertNull(SystemCheck.parseStat(null));
    }

    @Test
    void missingFilesAreUnknownNotOk() {
        SystemCheck.Report r = SystemCheck.check(dir.resolve("none"), dir.resolve("none"), 1, 0.1, () -> { });
        assertEquals(8, r.items().size());
        for (SystemCheck.Item i : r.items()) {
            assertEquals(SystemCheck.Verdict.unknown, i.verdict(), i.toString());
            assertNotNull(i.advice(), i.toString());
        }
    }

    @Test
    void liveMachine() throws InterruptedException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        SystemCheck.Report r = SystemCheck.run(0.1);
        Map<String, SystemCheck.Item> m = byName(r);
        assertTrue(m.get("steal").verdict() != SystemCheck.Verdict.unknown, m.toString());
        assertTrue(m.get("load").verdict() != SystemCheck.Verdict.unknown, m.toString());
        assertTrue(m.get("busy").verdict() != SystemCheck.Verdict.unknown, m.toString());
    }
}
