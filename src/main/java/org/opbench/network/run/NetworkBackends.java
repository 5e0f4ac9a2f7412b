package org.opbench.network.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;

/** The network backends on the class path, with their availability probed once (on first ask). */
public final class NetworkBackends {
    private final Map<String, NetworkBackend> byName = new LinkedHashMap<>();
    private final Map<String, Availability> probed = new LinkedHashMap<>();

    private NetworkBackends() {
    }

    public static NetworkBackends load() {
        NetworkBackends b = new NetworkBackends();
        for (NetworkBackend n : ServiceLoader.load(NetworkBackend.class)) {
            b.byName.putIfAbsent(n.name(), n);
        }
        return b;
    }

    public NetworkBackend get(String name) {
        return byName.get(name);
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public List<NetworkBackend> all() {
        return new ArrayList<>(byName.values());
    }

    public synchronized Availability availability(NetworkBackend b) {
        return probed.computeIfAbsent(b.name(), n -> {
            try {
                return b.probe();
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("probe failed: " + e);
            }
        });
    }
}
