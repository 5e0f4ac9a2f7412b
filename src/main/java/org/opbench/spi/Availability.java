package org.opbench.spi;

import java.util.Map;

/**
 * Whether a backend can run on this machine.
 *
 * @param available whether it can run
 * @param reason    why not (null when available)
 * @param version   library version as the library reports it (or the binding's when the library cannot be asked)
 * @param device    device or ISA the library reports, e.g. {@code cpu:avx2}
 * @param details   further facts worth recording in the run header (build options, devices, ...)
 */
public record Availability(boolean available, String reason, String version, String device, Map<String, String> details) {
    public Availability {
        details = details == null ? Map.of() : Map.copyOf(details);
        if (!available && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    public static Availability available(String version, String device, Map<String, String> details) {
        return new Availability(true, null, version, device, details);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason, null, null, Map.of());
    }
}
