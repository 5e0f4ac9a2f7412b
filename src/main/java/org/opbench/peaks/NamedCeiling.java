package org.opbench.peaks;

import java.util.List;

/** A ceiling provider with a fixed name and fixed kinds of ceiling. */
public abstract class NamedCeiling implements CeilingProvider {
    private final String name;
    private final List<String> kinds;

    /** @param kinds {@link Ceiling#COMPUTE}, {@link Ceiling#BANDWIDTH} or both */
    protected NamedCeiling(String name, String... kinds) {
        this.name = name;
        this.kinds = List.of(kinds);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> kinds() {
        return kinds;
    }
}
