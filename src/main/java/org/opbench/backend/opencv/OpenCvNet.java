package org.opbench.backend.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * A {@code dnn::Net} as the OpenCV ops time it, shared by {@link OpenCvOp} (a one-layer Caffe net) and
 * {@link OpenCvInt8Op} (a one-node QDQ ONNX model): the input bound once ({@code setInput} copies it into the net,
 * and every {@code forward} reads that copy again), and {@link #forward()} a single
 * {@code Net::forward(std::vector<Mat>&, name)} into a vector created when binding, whose Mat keeps referencing the
 * net's own output blob, so Java allocates nothing per run. {@link #close()} releases the vector, the name and the
 * net, and is idempotent.
 */
final class OpenCvNet implements AutoCloseable {
    private final Net net;
    private MatVector outputs;
    private BytePointer outputName;
    private boolean closed;

    /** Takes ownership of {@code net} (configured by the caller: backend, target, Winograd). */
    OpenCvNet(Net net) {
        this.net = net;
    }

    /** Sets OpenCV's thread count for the ops to come; refuses when OpenCV runs another number. */
    static void threads(int threads) throws UnsupportedException {
        opencv_core.setNumThreads(threads);
        int effective = opencv_core.getNumThreads();
        if (effective != threads) {
            throw new UnsupportedException("OpenCV runs " + effective + " threads when asked for " + threads);
        }
    }

    /** Binds {@code src} (of shape {@code dims}) to input {@code input} and prepares the output {@code output}. */
    void bind(float[] src, int[] dims, String input, String output) throws BackendException {
        OpenCvErrors.clear();
        try {
            try (Mat in = new Mat(dims, CV_32F); FloatPointer view = new FloatPointer(in.data());
                 Scalar noMean = new Scalar()) {
                view.put(src, 0, src.length);
                net.setInput(in, input, 1.0, noMean);
            }
            outputs = new MatVector();
            outputName = new BytePointer(output);
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "net setup");
        }
    }

    /** One forward pass into the bound output. */
    void forward() throws BackendException {
        if (closed) {
            throw new IllegalStateException("run() after close()");
        }
        OpenCvErrors.clear();
        try {
            net.forward(outputs, outputName);
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "forward");
        }
    }

    /** A copy of the last forward's output ({@code elements} floats). */
    float[] output(long elements) {
        if (closed) {
            throw new IllegalStateException("output() after close()");
        }
        float[] dst = new float[Math.toIntExact(elements)];
        try (Mat out = outputs.get(0); FloatPointer view = new FloatPointer(out.data())) {
            view.get(dst, 0, dst.length);
        }
        return dst;
    }

    /** Checks that the last forward gave one continuous CV_32F output of shape {@code dims}. */
    void checkOutput(int[] dims) throws BackendException {
        if (outputs.size() != 1) {
            throw new BackendException("OpenCV returned " + outputs.size() + " outputs, expected 1");
        }
        try (Mat out = outputs.get(0)) {
            int[] got = new int[out.dims()];
            for (int i = 0; i < got.length; i++) {
                got[i] = out.size(i);
            }
            if (out.type() != CV_32F || !out.isContinuous() || !Arrays.equals(got, dims)) {
                throw new BackendException("OpenCV output is " + Arrays.toString(got) + " type " + out.type()
                        + (out.isContinuous() ? "" : " (not continuous)") + ", expected "
                        + Arrays.toString(dims) + " CV_32F");
            }
        }
    }

    /** The net, for what only an op knows to ask of it (layers, profile, target). */
    Net net() {
        return net;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (outputs != null) {
            outputs.close();
        }
        if (outputName != null) {
            outputName.close();
        }
        net.close();
    }
}
