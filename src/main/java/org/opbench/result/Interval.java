package org.opbench.result;

/** A confidence interval in microseconds ({@code ci_us} of a point record). */
public record Interval(double lo, double hi) {
}
