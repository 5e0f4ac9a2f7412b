package org.opbench.result;

/** A sensor read just before preparing a point and just after timing it (null where the OS has no sensor). */
public record SensorPair(Double before, Double after) {
}
