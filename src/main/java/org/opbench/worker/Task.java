package org.opbench.worker;

import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.Problems;

/**
 * One point to measure in a worker: a problem (full descriptor with its name, batch applied) with its
 * algorithm and tuner. The worker's backend and thread count are the job's.
 */
public record Task(int index, String op, String problem, String network, int repeat, String algorithm, String tuner) {

    public Problem parsedProblem() {
        return Problems.parse(Op.parse(op), problem);
    }
}
