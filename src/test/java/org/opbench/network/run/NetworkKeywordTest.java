package org.opbench.network.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.opbench.network.spi.NetworkBackend;

/** The keywords of network --algorithms ({@code default}, {@code all}) name no network backend's algorithm. */
class NetworkKeywordTest {

    @Test
    void noNetworkBackendDefinesAnAlgorithmNamedLikeAKeyword() {
        NetworkBackends backends = NetworkBackends.load();
        assertFalse(backends.all().isEmpty());
        for (NetworkBackend b : backends.all()) {
            assertNull(NetworkPlanner.keywordClash(b), b.name());
        }
    }
}
