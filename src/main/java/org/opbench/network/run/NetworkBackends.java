package org.opbench.network.run;

import java.util.List;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Plugins;

/** The network backends on the class path, in {@link java.util.ServiceLoader} order, probed once each. */
public final class NetworkBackends extends Plugins<NetworkBackend> {
    private NetworkBackends(List<NetworkBackend> backends) {
        super(backends, "network backend", NetworkBackend::name, NetworkBackend::probe);
    }

    public static NetworkBackends load() {
        return new NetworkBackends(discover(NetworkBackend.class, "network backend"));
    }
}
