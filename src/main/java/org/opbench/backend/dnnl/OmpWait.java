package org.opbench.backend.dnnl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long oneDNN's OpenMP threads (GNU libgomp, shipped in the binding) spin before they sleep after a parallel
 * region: {@code GOMP_SPINCOUNT}, set by the worker's environment.
 *
 * <p>libgomp's default with {@code OMP_WAIT_POLICY} unset is 300000 spins, measured as 5.8 ms of one core burnt after
 * every region on the 2-vCPU Zen 4 VM. When rounds of several live workers are interleaved, that spinning pool takes
 * a core from the next worker's round (A/A: 1-thread totals of other backends moved by up to 6%). A passive policy
 * ({@code OMP_WAIT_POLICY=passive}, no spinning) fixed that but made every region pay a futex wake-up (an empty
 * region 22 us instead of 3.8 us; oneDNN's 2-thread MobileNet total 17% slower). {@value #SPIN_COUNT} spins keep the
 * in-round cost of the default (back-to-back repetitions find the threads still spinning; empty region 3.8 us) and
 * let the pool sleep about 0.6 ms after a round. A user who sets {@code GOMP_SPINCOUNT} or {@code OMP_WAIT_POLICY}
 * keeps that setting.
 */
final class OmpWait {
    static final String SPIN_COUNT = "30000";
    static final String SPIN_VAR = "GOMP_SPINCOUNT";
    static final String POLICY_VAR = "OMP_WAIT_POLICY";

    private OmpWait() {
    }

    /** {@code GOMP_SPINCOUNT} for a worker, unless {@code userEnvironment} already chooses the wait policy. */
    static Map<String, String> workerEnvironment(Map<String, String> userEnvironment) {
        if (userEnvironment.containsKey(SPIN_VAR) || userEnvironment.containsKey(POLICY_VAR)) {
            return Map.of();
        }
        return Map.of(SPIN_VAR, SPIN_COUNT);
    }

    /** What this process runs with, for the backend's details. */
    static Map<String, String> details(Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SPIN_VAR, environment.getOrDefault(SPIN_VAR, "(unset)"));
        out.put(POLICY_VAR, environment.getOrDefault(POLICY_VAR, "(unset)"));
        return out;
    }
}
