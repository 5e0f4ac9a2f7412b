package org.opbench.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The backends on the class path, in a stable order (reference first, then by name). */
public final class Backends {
    private final Map<String, Backend> byName = new LinkedHashMap<>();
    private final Map<String, Availability> probed = new LinkedHashMap<>();

    private Backends(List<Backend> backends) {
        backends.sort((a, b) -> a.name().equals("reference") ? -1 : b.name().equals("reference") ? 1
                : a.name().compareTo(b.name()));
        for (Backend b : backends) {
            byName.put(b.name(), b);
        }
    }

    public static Backends load() {
        List<Backend> list = new ArrayList<>();
        ServiceLoader<Backend> loader = ServiceLoader.load(Backend.class);
        for (var it = loader.iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                list.add(it.next());
            } catch (ServiceConfigurationError e) {
                System.err.println("opbench: warning: a backend could not be instantiated: " + e.getMessage());
            }
        }
        return new Backends(list);
    }

    public List<Backend> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The backend called {@code name}, or null. */
    public Backend get(String name) {
        return byName.get(name);
    }

    /** Probes {@code backend} once and remembers the answer; a probe that throws counts as unavailable. */
    public synchronized Availability availability(Backend backend) {
        return probed.computeIfAbsent(backend.name(), n -> {
            try {
                return backend.probe();
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("probe failed: " + e);
            }
        });
    }
}
