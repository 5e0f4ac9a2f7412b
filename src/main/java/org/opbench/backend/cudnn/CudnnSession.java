package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.cudnn.cudnnCreate;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroy;
import static org.bytedeco.cuda.global.cudnn.cudnnSetStream;

import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.javacpp.FloatPointer;
import org.opbench.backend.cuda.Closer;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.backend.cuda.CudaStream;
import org.opbench.backend.cuda.DeviceMemory;
import org.opbench.backend.cuda.EventTimer;
import org.opbench.spi.BackendException;

/**
 * What every prepared cudnn op holds: the device selected, a stream, a cuDNN handle (and a cuBLAS handle for fc)
 * bound to it, CUDA events for timing and the host scalars 1 and 0. All of it is released by the op's
 * {@link Closer}. Handles are created per point so that each point's resources are released when it closes.
 */
final class CudnnSession {
    final Closer closer;
    final CudaStream stream;
    final cudnnContext cudnn;
    final cublasContext cublas;
    final EventTimer timer;
    final FloatPointer one;
    final FloatPointer zero;
    /** Device memory in use before anything of this point was allocated. */
    final long memoryBefore;

    private CudnnSession(Closer closer, CudaStream stream, cudnnContext cudnn, cublasContext cublas, EventTimer timer,
                         FloatPointer one, FloatPointer zero, long memoryBefore) {
        this.closer = closer;
        this.stream = stream;
        this.cudnn = cudnn;
        this.cublas = cublas;
        this.timer = timer;
        this.one = one;
        this.zero = zero;
        this.memoryBefore = memoryBefore;
    }

    /** The body of a prepare: builds an op on a fresh session, registering what it allocates with {@code closer}. */
    @FunctionalInterface
    interface Build<T extends CudnnOp> {
        T build(CudnnSession s, Closer closer) throws BackendException;
    }

    /**
     * Prepares an op: opens a session on {@code device} and runs {@code build} on it. If anything fails, everything
     * registered with the session's closer is released before the failure propagates.
     *
     * @param cublasMath as for {@link #open}
     */
    static <T extends CudnnOp> T prepare(int device, int cublasMath, Build<T> build) throws BackendException {
        Closer closer = new Closer();
        try {
            return build.build(open(closer, device, cublasMath), closer);
        } catch (BackendException | RuntimeException | Error e) {
            closer.close();
            throw e;
        }
    }

    /**
     * Ends a prepare with the library's own verdict on the algorithm and problem before any timing: one trial run
     * of {@code op}, then {@link #prepared}.
     */
    <T extends CudnnOp> T trial(T op, Map<String, Object> details, long h2dNanos) throws BackendException {
        op.enqueue();
        return prepared(op, details, h2dNanos);
    }

    /**
     * Ends a prepare whose trial run is enqueued: waits for it and records the facts every op records
     * ({@link CudnnOp#finishPrepare}).
     */
    <T extends CudnnOp> T prepared(T op, Map<String, Object> details, long h2dNanos) throws BackendException {
        CudaStatus.check(cudaStreamSynchronize(stream.handle()), "cudaStreamSynchronize after a trial run");
        CudnnOp.finishPrepare(this, details, h2dNanos);
        return op;
    }

    /**
     * Opens a session on {@code device}.
     *
     * @param cublasMath a {@code cublasMath_t} to create a cuBLAS handle with, or -1 for none
     */
    static CudnnSession open(Closer closer, int device, int cublasMath) throws BackendException {
        CudaStatus.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
        long before = DeviceMemory.usedBytes();
        CudaStream stream = closer.add(CudaStream.create());
        cudnnContext handle = new cudnnContext();
        CudnnStatus.check(cudnnCreate(handle), "cudnnCreate");
        closer.onClose(() -> cudnnDestroy(handle));
        CudnnStatus.check(cudnnSetStream(handle, stream.handle()), "cudnnSetStream");
        cublasContext blas = null;
        if (cublasMath >= 0) {
            cublasContext b = new cublasContext();
            CudnnStatus.checkCublas(cublasCreate_v2(b), "cublasCreate");
            closer.onClose(() -> cublasDestroy_v2(b));
            CudnnStatus.checkCublas(cublasSetStream_v2(b, stream.handle()), "cublasSetStream");
            CudnnStatus.checkCublas(cublasSetMathMode(b, cublasMath), "cublasSetMathMode(" + cublasMath + ")");
            blas = b;
        }
        EventTimer timer = closer.add(EventTimer.create(stream));
        FloatPointer one = closer.add(new FloatPointer(1f));
        FloatPointer zero = closer.add(new FloatPointer(0f));
        return new CudnnSession(closer, stream, handle, blas, timer, one, zero, before);
    }
}
