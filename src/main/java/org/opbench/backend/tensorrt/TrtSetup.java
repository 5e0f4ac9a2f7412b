package org.opbench.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaSetDevice;

import java.nio.file.Path;
import org.opbench.backend.cuda.CudaDevice;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.env.OpbenchHome;
import org.opbench.spi.BackendException;

/**
 * What building an engine on a device needs: the device made current, the process's builder and runtime
 * ({@link TrtLibrary}) and the on-disk timing cache for this TensorRT version and GPU under
 * {@code <opbench cache>/tensorrt}.
 *
 * @param lib         the process's TensorRT objects
 * @param timingCache the timing cache file of this device
 * @param device      the device
 */
public record TrtSetup(TrtLibrary lib, TimingCacheFile timingCache, CudaDevice device) {

    /** Probes device {@code index}, makes it current and returns the setup (call after a successful probe). */
    public static TrtSetup open(int index) throws BackendException {
        CudaDevice.Probe dev = CudaDevice.probe(index);
        if (!dev.available()) {
            throw new BackendException(dev.reason());
        }
        // the process's builder and runtime are created on the device current at their first use
        CudaStatus.check(cudaSetDevice(index), "cudaSetDevice(" + index + ")");
        Path dir = cacheDir();
        TrtLibrary lib = TrtLibrary.get(dir.resolve("tmp"));
        CudaDevice d = dev.device();
        return new TrtSetup(lib, TimingCacheFile.in(dir, TrtLibrary.version(), d.name(), d.major(), d.minor()), d);
    }

    /** Where TensorRT's timing cache and temporary files go: {@code <opbench cache>/tensorrt}. */
    public static Path cacheDir() {
        return OpbenchHome.cacheDir().resolve("tensorrt");
    }
}
