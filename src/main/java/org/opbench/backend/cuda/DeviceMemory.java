package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;

import org.bytedeco.javacpp.SizeTPointer;
import org.opbench.spi.BackendException;

/** Device memory in use ({@code cudaMemGetInfo}: total minus free), read before and after a point's prepare. */
public final class DeviceMemory {
    private DeviceMemory() {
    }

    /** Bytes of device memory in use on the current device, by every process. */
    public static long usedBytes() throws BackendException {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            CudaStatus.check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return total.get() - free.get();
        }
    }
}
