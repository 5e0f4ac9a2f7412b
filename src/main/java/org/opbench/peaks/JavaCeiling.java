package org.opbench.peaks;

import java.util.Map;
import org.opbench.spi.Availability;

/** A CPU ceiling measured by a kernel written in Java: available wherever opbench runs. */
abstract class JavaCeiling extends NamedCeiling {

    JavaCeiling(String name, String... kinds) {
        super(name, kinds);
    }

    @Override
    public final Availability probe() {
        return Availability.available("java " + Runtime.version(), Ceiling.CPU, Map.of());
    }
}
