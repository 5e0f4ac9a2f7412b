package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnGetErrorString;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudnn;
import org.opbench.backend.cuda.CString;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * cuDNN and cuBLAS status codes to exceptions: the one place they are classified.
 *
 * <p>cuDNN 9 codes are hierarchical: the thousands digit is the category ({@code CUDNN_STATUS_NOT_SUPPORTED} =
 * 3000 and its refinements 3001..3999, e.g. {@code _SHAPE}, {@code _ARCH_MISMATCH}). A not-supported category is
 * "the library has no implementation" ({@link UnsupportedException}); every other failure is a
 * {@link BackendException}.
 */
public final class CudnnStatus {
    /** How a status is reported. */
    public enum Kind { OK, UNSUPPORTED, BAD_PARAM, FAILED }

    private CudnnStatus() {
    }

    /** The category of a {@code cudnnStatus_t}. Pure. */
    public static Kind classify(int status) {
        if (status == cudnn.CUDNN_STATUS_SUCCESS) {
            return Kind.OK;
        }
        int category = status / 1000;
        if (category == cudnn.CUDNN_STATUS_NOT_SUPPORTED / 1000) {
            return Kind.UNSUPPORTED;
        }
        if (category == cudnn.CUDNN_STATUS_BAD_PARAM / 1000) {
            return Kind.BAD_PARAM;
        }
        return Kind.FAILED;
    }

    /** Throws unless {@code status} is success: {@link UnsupportedException} for the not-supported category. */
    public static void check(int status, String call) throws BackendException {
        Kind kind = classify(status);
        if (kind == Kind.OK) {
            return;
        }
        String msg = call + ": " + describe(status);
        if (kind == Kind.UNSUPPORTED) {
            throw new UnsupportedException(msg);
        }
        throw new BackendException(msg);
    }

    /**
     * Like {@link #check}, but a bad-parameter status also means "cuDNN cannot do this problem": used where opbench
     * deliberately passes a configuration the API may refuse (a ceil-mode pooling output size).
     */
    public static void checkAccepts(int status, String call, String whatIsRefused) throws BackendException {
        if (classify(status) == Kind.BAD_PARAM) {
            throw new UnsupportedException(whatIsRefused + ": " + call + " returned " + describe(status));
        }
        check(status, call);
    }

    /** {@code CUDNN_STATUS_... (code)} as cuDNN names it. */
    public static String describe(int status) {
        return CString.of(cudnnGetErrorString(status)) + " (" + status + ")";
    }

    /** Throws unless a {@code cublasStatus_t} is success ({@code CUBLAS_STATUS_NOT_SUPPORTED} is unsupported). */
    public static void checkCublas(int status, String call) throws BackendException {
        if (status == cublas.CUBLAS_STATUS_SUCCESS) {
            return;
        }
        String msg = call + ": " + CString.of(cublas.cublasGetStatusName(status)) + " (" + status + ") "
                + CString.of(cublas.cublasGetStatusString(status));
        if (status == cublas.CUBLAS_STATUS_NOT_SUPPORTED || status == cublas.CUBLAS_STATUS_ARCH_MISMATCH) {
            throw new UnsupportedException(msg);
        }
        throw new BackendException(msg);
    }
}
