package org.opbench.env;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Emulation is found from the process name and from /proc/cpuinfo disagreeing with os.arch. */
class EmulationTest {
    static final String X86_CPUINFO = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n"
            + "flags\t\t: fpu vme de pse avx2\n";
    static final String ARM_CPUINFO = "processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd evtstrm\n"
            + "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU part\t: 0xd08\n";

    @Test
    void qemuUserIsFoundBothWays() {
        String e = Emulation.detect("Name:\tqemu-aarch64-st\nState:\tR\n", X86_CPUINFO, "aarch64");
        assertTrue(e.contains("qemu-aarch64-st") && e.contains("x86 CPU (AMD EPYC)"), e);
        // binfmt_misc keeps the program's own name: the CPU description still gives it away
        String binfmt = Emulation.detect("Name:\tjava\n", X86_CPUINFO, "aarch64");
        assertTrue(binfmt.contains("os.arch is aarch64"), binfmt);
    }

    @Test
    void nativeRunsAreNotEmulated() {
        assertNull(Emulation.detect("Name:\tjava\n", X86_CPUINFO, "amd64"));
        assertNull(Emulation.detect("Name:\tjava\n", ARM_CPUINFO, "aarch64"));
        assertNull(Emulation.detect(null, null, "aarch64"), "nothing readable is no evidence");
    }

    @Test
    void launcherNamesAnEmulator() {
        assertTrue(Emulation.emulatorLauncher(List.of("/usr/bin/qemu-aarch64-static")));
        assertTrue(Emulation.emulatorLauncher(List.of("qemu-aarch64", "-cpu", "max")));
        assertFalse(Emulation.emulatorLauncher(List.of("ssh", "board")));
        assertFalse(Emulation.emulatorLauncher(List.of()));
    }
}
