package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorName;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import org.bytedeco.cuda.global.cudart;
import org.opbench.spi.BackendException;

/** CUDA runtime status codes ({@code cudaError_t}) to exceptions: the one place they are checked. */
public final class CudaStatus {
    private CudaStatus() {
    }

    /** Throws a {@link BackendException} naming {@code call} and the CUDA error unless {@code rc} is cudaSuccess. */
    public static void check(int rc, String call) throws BackendException {
        if (rc != cudart.cudaSuccess) {
            throw new BackendException(call + " failed: " + describe(rc));
        }
    }

    /** {@code cudaErrorName (code): text}, as the runtime describes the code. */
    public static String describe(int rc) {
        return CString.of(cudaGetErrorName(rc)) + " (" + rc + "): " + CString.of(cudaGetErrorString(rc));
    }

    /**
     * Why no device can be used, from {@code cudaGetDeviceCount}'s status and count; null when a device exists
     * or when the status is one without a specific reason (the caller then describes the code). Pure.
     */
    public static String deviceCountReason(int rc, int count, int driverVersion) {
        if (rc == cudart.cudaErrorNoDevice || (rc == cudart.cudaSuccess && count <= 0)) {
            return "no CUDA device";
        }
        if (rc == cudart.cudaErrorInsufficientDriver) {
            return "NVIDIA driver too old for the CUDA " + NvidiaVersions.CUDA + " runtime"
                    + (driverVersion > 0 ? " (the driver supports CUDA " + versionString(driverVersion) + ")" : "");
        }
        return null;
    }

    /** CUDA's integer versions (1000 * major + 10 * minor) as {@code major.minor}. */
    public static String versionString(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }
}
