package org.opbench.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The probe-once registry shared by {@link Backends} and the network backends. The providers of {@link Thing} are
 * listed in {@code src/test/resources/META-INF/services/org.opbench.spi.PluginsTest$Thing}: a good one, one whose
 * constructor throws, a class that does not exist, and one whose probe throws.
 */
public class PluginsTest {
    /** A service interface for this test only. */
    public interface Thing {
        String name();

        Availability probe();
    }

    /** Probes fine, counting its probes. */
    public static class Good implements Thing {
        static final AtomicInteger PROBES = new AtomicInteger();

        @Override
        public String name() {
            return "good";
        }

        @Override
        public Availability probe() {
            PROBES.incrementAndGet();
            return Availability.available("1.0", "test device", Map.of());
        }
    }

    /** Cannot be created: ServiceLoader reports it as a ServiceConfigurationError. */
    public static class Broken implements Thing {
        public Broken() {
            throw new IllegalStateException("cannot be built here");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Availability probe() {
            return Availability.unavailable("never created");
        }
    }

    /** Its probe throws. */
    public static class Throwing implements Thing {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public Availability probe() {
            throw new UnsatisfiedLinkError("no libthing in java.library.path");
        }
    }

    static final class Things extends Plugins<Thing> {
        Things(List<Thing> found) {
            super(found, "thing", Thing::name, Thing::probe);
        }

        static Things load() {
            return new Things(discover(Thing.class, "thing"));
        }
    }

    @Test
    void providersThatCannotBeCreatedAreLeftOutAndTheOthersKeptInOrder() {
        Things things = Things.load();
        assertEquals(List.of("good", "throwing"), things.names());
        assertNull(things.get("broken"));
        assertTrue(things.get("good") instanceof Good);
    }

    @Test
    void eachNameIsProbedOnce() {
        Good good = new Good();
        Things things = new Things(List.of(good));
        int before = Good.PROBES.get();
        Availability a = things.availability(good);
        assertSame(a, things.availability(good));
        assertSame(a, things.availability(new Good()));
        assertEquals(before + 1, Good.PROBES.get());
        assertTrue(a.available());
    }

    @Test
    void aProbeThatThrowsIsUnavailableWithTheErrorAsReason() {
        Thing t = new Throwing();
        Availability a = new Things(List.of(t)).availability(t);
        assertFalse(a.available());
        assertTrue(a.reason().contains("no libthing"), a.reason());
    }

    @Test
    void ofTwoProvidersWithOneNameTheFirstIsKept() {
        Good first = new Good();
        Things things = new Things(List.of(first, new Good()));
        assertEquals(List.of("good"), things.names());
        assertSame(first, things.get("good"));
    }

    @Test
    void aProbeThatMissesAClassSaysTheLibraryJarIsAbsent() {
        String reason = Plugins.missingClass(new NoClassDefFoundError("org/bytedeco/tensorrt/global/nvinfer"));
        assertTrue(reason.contains("class org.bytedeco.tensorrt.global.nvinfer not found"), reason);
        assertTrue(reason.contains("not on the class path"), reason);
    }
}
