package org.opbench.result;

import org.opbench.measure.TimerCalibration;

/** Timer figures measured at the start of a run (nanoseconds). */
public record TimerInfo(String clock, double resolutionNs, double nanotimeCostNs, double repOverheadNs) {
    public static TimerInfo of(TimerCalibration c) {
        return new TimerInfo("System.nanoTime", c.resolutionNs(), c.nanoTimeCostNs(), c.repOverheadNs());
    }
}
