package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.opbench.spi.BackendException;

/** A CUDA stream the kernels of one point run on; destroyed by {@link #close()} (idempotent). */
public final class CudaStream implements AutoCloseable {
    private final CUstream_st stream = new CUstream_st();
    private boolean created;

    private CudaStream() {
    }

    public static CudaStream create() throws BackendException {
        CudaStream s = new CudaStream();
        CudaStatus.check(cudaStreamCreate(s.stream), "cudaStreamCreate");
        s.created = true;
        return s;
    }

    public CUstream_st handle() {
        return stream;
    }

    @Override
    public void close() {
        if (created) {
            created = false;
            cudaStreamDestroy(stream);
        }
    }
}
