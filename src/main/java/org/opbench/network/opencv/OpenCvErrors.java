package org.opbench.network.opencv;

import org.opbench.spi.BackendException;

/**
 * The one place OpenCV failures become opbench exceptions. The JavaCPP preset turns a {@code cv::Exception} into a
 * {@link RuntimeException} carrying only its text, so no status code is available to tell an unsupported layer
 * from another failure: every OpenCV error is a {@link BackendException} (a {@code failed} record with OpenCV's
 * message), never matched on its text.
 */
final class OpenCvErrors {
    private OpenCvErrors() {
    }

    static BackendException map(String what, RuntimeException e) {
        return new BackendException("opencv " + what + ": " + e.getMessage(), e);
    }
}
