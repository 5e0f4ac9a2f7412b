package org.opbench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU frequency and temperature where the OS exposes them (sysfs cpufreq and thermal zones, else
 * {@code /proc/cpuinfo}'s "cpu MHz"). Boards throttle; these readings before and after each point show it.
 */
public final class Sensors {
    private Sensors() {
    }

    /** A reading; either value is null when the OS does not expose it. */
    public record Reading(Double cpuMhz, Double tempC) {
    }

    public static Reading read() {
        return new Reading(cpuMhz(), tempC());
    }

    /** Mean current frequency over all CPUs in MHz, or null. */
    static Double cpuMhz() {
        double sum = 0;
        int n = 0;
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(Path.of("/sys/devices/system/cpu"), "cpu[0-9]*")) {
            for (Path cpu : cpus) {
                Double khz = readNumber(cpu.resolve("cpufreq/scaling_cur_freq"));
                if (khz != null) {
                    sum += khz / 1000;
                    n++;
                }
            }
        } catch (IOException e) {
            // no sysfs
        }
        if (n > 0) {
            return sum / n;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    sum += Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
                    n++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return n > 0 ? sum / n : null;
    }

    /** Highest temperature over the thermal zones in °C, or null. */
    static Double tempC() {
        Double max = null;
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(Path.of("/sys/class/thermal"), "thermal_zone*")) {
            for (Path zone : zones) {
                Double milli = readNumber(zone.resolve("temp"));
                if (milli != null && milli > -50_000) {
                    max = max == null ? milli / 1000 : Math.max(max, milli / 1000);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return max;
    }

    private static Double readNumber(Path p) {
        try {
            return Double.parseDouble(Files.readString(p).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * Waits until the temperature is below {@code limitC} or {@code maxMs} passed; returns the last reading.
     * Without a temperature sensor it returns at once.
     */
    public static Reading coolDown(double limitC, double maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxMs * 1e6);
        Reading r = read();
        while (r.tempC() != null && r.tempC() >= limitC && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = read();
        }
        return r;
    }
}
