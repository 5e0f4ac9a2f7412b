package org.opbench.backend.opencv;

import static org.bytedeco.opencv.global.opencv_core.GpuNotSupported;
import static org.bytedeco.opencv.global.opencv_core.OpenCLDoubleNotSupported;
import static org.bytedeco.opencv.global.opencv_core.StsNotImplemented;

import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.ErrorCallback;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * The one place where OpenCV failures become opbench exceptions. JavaCPP turns a {@code cv::Exception} into a
 * plain {@link RuntimeException} that carries only the text, so the numeric status is taken from OpenCV's error
 * callback ({@code cv::redirectError}), which {@code cv::error} calls with {@code Exception::code} right before
 * it throws. "Not implemented" statuses map to {@link UnsupportedException}, every other status to
 * {@link BackendException}.
 */
final class OpenCvErrors {
    /** One error as OpenCV reported it to the callback. */
    record Status(int code, String function, String message, String file, int line) {
    }

    private static final AtomicReference<Status> LAST = new AtomicReference<>();
    /** Kept strongly reachable: OpenCV holds only its native address. */
    private static ErrorCallback callback;

    private OpenCvErrors() {
    }

    /** Installs the callback once; called after the library has loaded. */
    static synchronized void install() {
        if (callback != null) {
            return;
        }
        callback = new ErrorCallback() {
            @Override
            public int call(int status, BytePointer function, BytePointer message, BytePointer file, int line,
                            Pointer userdata) {
                LAST.set(new Status(status, text(function), text(message), text(file), line));
                return 0;
            }
        };
        opencv_core.redirectError(callback);
    }

    /** Forgets the last status, so that a later failure is not blamed on an earlier one. */
    static void clear() {
        LAST.set(null);
    }

    /** The exception for {@code e}, thrown by an OpenCV call made during {@code what}. */
    static BackendException map(RuntimeException e, String what) {
        Status s = LAST.getAndSet(null);
        if (s == null) {
            return new BackendException("OpenCV failed during " + what + " (no status reported): " + e.getMessage(), e);
        }
        String text = "OpenCV status " + s.code() + " (" + name(s.code()) + ") during " + what + " in "
                + s.function() + " (" + shortFile(s.file()) + ":" + s.line() + "): " + s.message();
        if (s.code() == StsNotImplemented || s.code() == GpuNotSupported || s.code() == OpenCLDoubleNotSupported) {
            UnsupportedException u = new UnsupportedException(text);
            u.initCause(e);
            return u;
        }
        return new BackendException(text, e);
    }

    private static String name(int code) {
        return switch (code) {
            case opencv_core.StsError -> "StsError";
            case opencv_core.StsInternal -> "StsInternal";
            case opencv_core.StsNoMem -> "StsNoMem";
            case opencv_core.StsBadArg -> "StsBadArg";
            case opencv_core.StsNullPtr -> "StsNullPtr";
            case opencv_core.StsBadSize -> "StsBadSize";
            case opencv_core.StsObjectNotFound -> "StsObjectNotFound";
            case opencv_core.StsUnmatchedSizes -> "StsUnmatchedSizes";
            case opencv_core.StsUnsupportedFormat -> "StsUnsupportedFormat";
            case opencv_core.StsOutOfRange -> "StsOutOfRange";
            case opencv_core.StsParseError -> "StsParseError";
            case opencv_core.StsNotImplemented -> "StsNotImplemented";
            case opencv_core.StsAssert -> "StsAssert";
            case opencv_core.GpuNotSupported -> "GpuNotSupported";
            case opencv_core.OpenCLApiCallError -> "OpenCLApiCallError";
            case opencv_core.OpenCLDoubleNotSupported -> "OpenCLDoubleNotSupported";
            case opencv_core.OpenCLInitError -> "OpenCLInitError";
            default -> "status";
        };
    }

    private static String shortFile(String file) {
        int i = file.indexOf("/modules/");
        return i >= 0 ? file.substring(i + 1) : file;
    }

    private static String text(BytePointer p) {
        return OpenCvLibrary.string(p);
    }
}
