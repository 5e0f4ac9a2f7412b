package org.opbench.problem;

/**
 * One line of a shape set: a problem with the network it comes from and how many identical layers
 * of that network it stands for.
 */
public record Layer(Problem problem, String network, int repeat) {
    public Layer {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1");
        }
        network = network == null ? "" : network;
    }

    public String name() {
        return problem.name();
    }
}
