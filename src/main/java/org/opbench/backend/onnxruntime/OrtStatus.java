package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtException;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/** The one place ONNX Runtime status codes become opbench exceptions. */
public final class OrtStatus {
    private OrtStatus() {
    }

    /**
     * {@code ORT_NOT_IMPLEMENTED} (no kernel for the node on the chosen provider) becomes
     * {@link UnsupportedException}; every other code a {@link BackendException}. The code is part of the message.
     */
    public static BackendException map(String what, OrtException e) {
        OrtException.OrtErrorCode code = e.getCode();
        String message = "onnxruntime " + what + ": " + code + ": " + e.getMessage();
        if (code == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED) {
            UnsupportedException u = new UnsupportedException(message);
            u.initCause(e);
            return u;
        }
        return new BackendException(message, e);
    }
}
