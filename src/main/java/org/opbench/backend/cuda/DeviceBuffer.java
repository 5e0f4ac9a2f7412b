package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.opbench.spi.BackendException;

/**
 * Device memory from {@code cudaMalloc}, freed by {@link #close()} (idempotent). Host copies are synchronous
 * {@code cudaMemcpy} through pageable host memory; they happen in prepare and {@code output()}, never while a
 * repetition is timed.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final FloatPointer ptr = new FloatPointer();
    private final long bytes;
    private boolean allocated;

    private DeviceBuffer(long bytes) {
        this.bytes = bytes;
    }

    /** {@code n} floats of device memory (at least one element, so that the pointer is never null). */
    public static DeviceBuffer floats(long n) throws BackendException {
        return bytes(Math.max(1, n) * Float.BYTES);
    }

    /** {@code n} bytes of device memory (a workspace); {@code n} may be 0, giving a null pointer. */
    public static DeviceBuffer bytes(long n) throws BackendException {
        DeviceBuffer b = new DeviceBuffer(n);
        if (n > 0) {
            CudaStatus.check(cudaMalloc(b.ptr, n), "cudaMalloc(" + n + " bytes)");
            b.allocated = true;
        }
        return b;
    }

    /** The device address, typed as float for cuBLAS/cuDNN; null (address 0) for an empty workspace. */
    public FloatPointer pointer() {
        return allocated ? ptr : null;
    }

    public long bytes() {
        return bytes;
    }

    /** Copies {@code data} to the start of the buffer (synchronous). */
    public void upload(float[] data) throws BackendException {
        long n = (long) data.length * Float.BYTES;
        if (n > bytes) {
            throw new IllegalArgumentException("upload of " + n + " bytes into a buffer of " + bytes);
        }
        if (n == 0) {
            return;
        }
        try (FloatPointer host = new FloatPointer(data)) {
            CudaStatus.check(cudaMemcpy(ptr, host, n, cudart.cudaMemcpyHostToDevice), "cudaMemcpy host to device");
        }
    }

    /** Copies the first {@code dst.length} floats of the buffer into {@code dst} (synchronous). */
    public void download(float[] dst) throws BackendException {
        long n = (long) dst.length * Float.BYTES;
        if (n > bytes) {
            throw new IllegalArgumentException("download of " + n + " bytes from a buffer of " + bytes);
        }
        try (FloatPointer host = new FloatPointer(dst.length)) {
            CudaStatus.check(cudaMemcpy(host, ptr, n, cudart.cudaMemcpyDeviceToHost), "cudaMemcpy device to host");
            host.get(dst);
        }
    }

    /** {@link #upload}, returning the copy's host wall time in ms (recorded as {@code h2d_ms}). */
    public double uploadMs(float[] data) throws BackendException {
        long t0 = System.nanoTime();
        upload(data);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** {@link #download}, returning the copy's host wall time in ms (recorded as {@code d2h_ms}). */
    public double downloadMs(float[] dst) throws BackendException {
        long t0 = System.nanoTime();
        download(dst);
        return (System.nanoTime() - t0) / 1e6;
    }

    @Override
    public void close() {
        if (allocated) {
            allocated = false;
            cudaFree(ptr);
        }
    }
}
