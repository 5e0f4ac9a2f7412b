package org.opbench.result;

import java.util.List;

/** The machine a run measured, as far as the OS tells (null where it does not). */
public record HostInfo(String hostname, String cpuModel, Integer cores, int logicalCpus, String arch, List<String> isa,
                       Long memoryMb, String os, String kernel, String governor, Double cpuMaxMhz, String jvm) {
}
