package org.opbench.measure;

import java.util.List;
import org.opbench.spi.Clock;

/**
 * The timed repetitions of one point measured in rounds (issue 15), in nanoseconds. Only the rounds kept are here: a
 * disturbed round that was run again is dropped (its noise still counts in {@code noise}).
 *
 * @param clock       what {@code timed} was read from
 * @param timed       every kept repetition, round after round
 * @param wall        {@code System.nanoTime} around the same runs ({@code timed} itself for the wall clock)
 * @param round       the round index of each repetition (0 .. rounds-1, in the order the rounds ran)
 * @param rounds      kept rounds
 * @param roundNoise  what the observer reported for each kept round, by round index
 * @param allNoise    what it reported for every round run, dropped ones included
 * @param reruns      rounds run again because they were disturbed
 * @param warmupNs    untimed runs: the warm-up and the one settling run before each round
 * @param timedNs     the sum of the timed regions of every round run, dropped ones included
 * @param roundSeq    each kept round's place in the order that ran it (the worker's own order, or the sweep
 *                    driver's order across workers), by round index
 */
public record RoundSamples(Clock clock, long[] timed, long[] wall, int[] round, int rounds,
                           List<Disturbance> roundNoise, List<Disturbance> allNoise, int reruns, long warmupNs,
                           long timedNs, int[] roundSeq) {
    public RoundSamples {
        roundNoise = List.copyOf(roundNoise);
        allNoise = List.copyOf(allNoise);
    }

    public int count() {
        return timed.length;
    }

    /** Rounds the observer marked disturbed, dropped ones included. */
    public int disturbedRounds() {
        return (int) allNoise.stream().filter(Disturbance::disturbed).count();
    }

    /** Kept rounds the observer marked disturbed: kept because the point's re-runs were spent. */
    public int disturbedKept() {
        return (int) roundNoise.stream().filter(Disturbance::disturbed).count();
    }

    /**
     * Whether most kept rounds are disturbed: then the headline (the median) is itself a disturbed reading, however
     * well the rounds agree. A noise episode longer than the point's rounds and re-runs (an ONNX Runtime run whose
     * every round saw the cores 1.3-1.5x slow) gives rounds that agree on a wrong figure.
     */
    public boolean mostlyDisturbed() {
        return disturbedKept() * 2 > rounds;
    }
}
