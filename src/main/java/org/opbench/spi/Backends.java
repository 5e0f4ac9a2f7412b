package org.opbench.spi;

import java.util.Comparator;
import java.util.List;

/** The operator backends on the class path, in a stable order (reference first, then by name), probed once each. */
public final class Backends extends Plugins<Backend> {
    private static final Comparator<Backend> REFERENCE_FIRST = Comparator
            .comparing((Backend b) -> !b.name().equals("reference")).thenComparing(Backend::name);

    private Backends(List<Backend> backends) {
        super(backends, "backend", Backend::name, Backend::probe);
    }

    public static Backends load() {
        List<Backend> list = discover(Backend.class, "backend");
        list.sort(REFERENCE_FIRST);
        return new Backends(list);
    }
}
