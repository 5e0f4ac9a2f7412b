package org.opbench.result;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two machines the same kind of board for measuring: CPU model, cores, logical CPUs, architecture, ISA
 * extensions, memory (in GiB), operating system, and each available library's version and device. The host name,
 * kernel build, governor and JVM are left out, so that the nodes of one Slurm partition share a fingerprint.
 */
public final class HostFingerprint {
    private HostFingerprint() {
    }

    /** The first 16 hex digits of the SHA-256 of the fields above. */
    public static String of(HostInfo host, Map<String, Map<String, Object>> libraries) {
        StringBuilder s = new StringBuilder();
        if (host != null) {
            s.append(host.cpuModel()).append('|').append(host.cores()).append('|').append(host.logicalCpus())
                    .append('|').append(host.arch()).append('|').append(host.isa()).append('|')
                    .append(host.memoryMb() == null ? null : Math.round(host.memoryMb() / 1024.0)).append('|')
                    .append(host.os()).append('\n');
        }
        new TreeMap<>(libraries == null ? Map.<String, Map<String, Object>>of() : libraries).forEach((name, m) -> {
            if (Boolean.TRUE.equals(m.get("available"))) {
                s.append(name).append('|').append(m.get("version")).append('|').append(m.get("device")).append('\n');
            }
        });
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
