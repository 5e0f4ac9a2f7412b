package org.opbench.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.opbench.spi.Availability;

/**
 * What a backend's probe must answer on the machine the tests run on, as the backend's test class derives it from
 * facts it can check itself (the architecture, the natives bundled for this platform, the driver library).
 *
 * @param kind   which answer is required
 * @param reason {@link Kind#AVAILABLE}: why it must run here (for the failure message); {@link Kind#UNAVAILABLE}:
 *               text the probe's reason must contain (the missing library or capability); {@link Kind#DEPENDS}: the
 *               capability that decides it (a GPU behind the driver, ...)
 */
public record Expectation(Kind kind, String reason) {
    public enum Kind {
        /** Must be available: an unavailable answer fails the contract. */
        AVAILABLE,
        /** Must be unavailable, with a reason naming what is missing. */
        UNAVAILABLE,
        /** Decided by hardware the test cannot inspect up front: unavailable skips with the probe's reason. */
        DEPENDS
    }

    public Expectation {
        Objects.requireNonNull(kind);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an expectation names its reason");
        }
    }

    /** Must run here, because {@code because} (e.g. "the linux-x86_64 natives are on the class path"). */
    public static Expectation available(String because) {
        return new Expectation(Kind.AVAILABLE, because);
    }

    /** Must be unavailable here with a reason containing {@code reasonContains}. */
    public static Expectation unavailable(String reasonContains) {
        return new Expectation(Kind.UNAVAILABLE, reasonContains);
    }

    /** Available or not depending on {@code capability}, which only the probe can find out. */
    public static Expectation dependsOn(String capability) {
        return new Expectation(Kind.DEPENDS, capability);
    }

    /**
     * Continues only when {@code a} is available: fails when this expectation says {@code backend} must run here,
     * otherwise skips by an assumption that names the probe's reason.
     */
    public void requireAvailable(String backend, Availability a) {
        if (kind == Kind.AVAILABLE && !a.available()) {
            fail(backend + " must run here (" + reason + ") but is unavailable: " + a.reason());
        }
        Assumptions.assumeTrue(a.available(), () -> backend + " is unavailable here: " + a.reason());
    }

    /** Whether {@code resource} (e.g. a JavaCPP preset's native folder for this platform) is on the class path. */
    public static boolean onClassPath(String resource) {
        return Expectation.class.getClassLoader().getResource(resource) != null;
    }
}
