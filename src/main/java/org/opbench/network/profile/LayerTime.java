package org.opbench.network.profile;

import java.util.List;
import org.opbench.network.NetLayer;

/**
 * What the profile says about one graph layer, or about a kernel the framework added.
 *
 * @param layer     the graph layer, null for an inserted kernel
 * @param name      the layer name, or the inserted kernel's name
 * @param kernelOp  the framework's operator for the kernel(s) that ran this layer, null when none did
 * @param kernels   the framework names of those kernels
 * @param us        time attributed to the layer (µs per run), 0 for fused or removed layers
 * @param fusedInto the layer whose kernel also computed this one, or null
 * @param fused     the layers this one's kernel also computed
 * @param executed  whether any kernel computed this layer (itself or as part of another)
 */
public record LayerTime(NetLayer layer, String name, String kernelOp, List<String> kernels, double us,
                        String fusedInto, List<String> fused, boolean executed) {
    public LayerTime {
        kernels = List.copyOf(kernels);
        fused = List.copyOf(fused);
    }

    public boolean inserted() {
        return layer == null;
    }
}
