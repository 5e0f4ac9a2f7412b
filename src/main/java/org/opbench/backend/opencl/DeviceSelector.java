package org.opbench.backend.opencl;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opbench.backend.opencl.cl.ClDevice;

/**
 * Picks the device from the option {@code opencl.device}: a number is an index into the list of all devices
 * (platforms in order); anything else a case-insensitive substring of the device or platform name. Without the
 * option: the first GPU, else the first device.
 */
public final class DeviceSelector {
    public static final String OPTION = "device";

    private DeviceSelector() {
    }

    /** The device, or null when {@code option} matches none (see {@link #mismatch}). */
    public static ClDevice select(List<ClDevice> devices, String option) {
        if (devices.isEmpty()) {
            return null;
        }
        if (option == null || option.isBlank()) {
            return devices.stream().filter(ClDevice::isGpu).findFirst().orElse(devices.get(0));
        }
        String o = option.trim();
        if (o.chars().allMatch(Character::isDigit)) {
            int i;
            try {
                i = Integer.parseInt(o);
            } catch (NumberFormatException e) {
                return null;
            }
            return i < devices.size() ? devices.get(i) : null;
        }
        String needle = o.toLowerCase(Locale.ROOT);
        for (ClDevice d : devices) {
            if (d.name().toLowerCase(Locale.ROOT).contains(needle)
                    || d.platformName().toLowerCase(Locale.ROOT).contains(needle)) {
                return d;
            }
        }
        return null;
    }

    /** Why {@code option} selects nothing. */
    public static String mismatch(List<ClDevice> devices, String option) {
        return "no OpenCL device matches opencl.device=" + option + " (devices: "
                + devices.stream().map(d -> "[" + d.index() + "] " + d.name()).collect(Collectors.joining(", "))
                + ")";
    }
}
