package org.opbench.peaks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HotSpot options that decide how wide the JIT's vector code is (recorded with the Java kernels' ceilings). */
final class JitFacts {
    private JitFacts() {
    }

    static Map<String, Object> read() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String option : new String[] {"MaxVectorSize", "UseAVX", "UseFMA", "UseSuperWord"}) {
                try {
                    m.put(option, hs.getVMOption(option).getValue());
                } catch (IllegalArgumentException e) {
                    // not an option of this JVM or platform (UseAVX on aarch64)
                }
            }
        } catch (RuntimeException | LinkageError e) {
            m.put("vm_options", "not readable: " + e);
        }
        return m;
    }
}
