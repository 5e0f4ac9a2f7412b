package org.opbench.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.opbench.spi.Support;

/** Refusals checked for what they say, not merely for saying something (a {@link Support} always does). */
public final class Refusals {
    private Refusals() {
    }

    /** {@code s} refuses, and its reason names {@code mention} (the algorithm, option or limit refused). */
    public static void assertRefused(Support s, String mention) {
        assertFalse(s.supported(), () -> "expected a refusal naming '" + mention + "'");
        assertTrue(s.reason().contains(mention), () -> "the reason should name '" + mention + "': " + s.reason());
    }
}
