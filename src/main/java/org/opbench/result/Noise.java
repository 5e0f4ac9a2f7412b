package org.opbench.result;

/**
 * What the noise probe saw during a point's rounds ({@code noise} of a point record, issue 15), over every round
 * run, dropped ones included. A counter nobody could read is null, never a made-up 0.
 *
 * @param stealPct         the largest steal time of a round, percent of its wall time over all CPUs
 * @param otherRunnable    the most runnable tasks besides the worker seen after a round
 * @param involuntaryCs    the worker's involuntary context switches, summed over the rounds
 * @param runWaitPct       the largest share of a round the measuring thread waited for a CPU (percent)
 * @param gcMs             garbage-collection time, summed
 * @param jitMs            JIT compilation time, summed
 * @param coreSlowdown     the largest slowdown of the measuring thread's core seen around a round
 *                         ({@code org.opbench.measure.CoreCanary}; 1: as fast as its best)
 * @param corePassNs       the canary's median reading over the kept rounds, in nanoseconds per pass: how fast the
 *                         machine's cores were while this point was timed, comparable between runs on one machine
 * @param disturbedRounds  rounds the probe called disturbed
 * @param reruns           disturbed rounds dropped and run again
 */
public record Noise(Double stealPct, Integer otherRunnable, Long involuntaryCs, Double runWaitPct, Double gcMs,
                    Double jitMs, Double coreSlowdown, Double corePassNs, int disturbedRounds, int reruns) {
}
