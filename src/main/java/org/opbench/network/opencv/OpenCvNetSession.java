package org.opbench.network.opencv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.spi.NameResolver;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;
import org.opbench.spi.UnsupportedException;

/**
 * One OpenCV {@code dnn::Net} with its input blob set. {@code run()} is {@code Net.forward(outputs, names)} into a
 * vector made once. Per-layer times come from {@code Net.getPerfProfile} after each profiled run (OpenCV times every
 * layer of every forward; fused layers report zero). Layer names are {@code onnx_node!<node>}; OpenCV's own layers
 * (the output identity, helpers it inserts) have other names and are reported as inserted.
 */
final class OpenCvNetSession implements NetSession {
    static final String NODE_PREFIX = "onnx_node!";

    private final NetRequest request;
    private final boolean winograd;
    private final Net net;
    private final Mat blob;
    private final MatVector outs;
    private final StringVector outNames;
    private final float[] result;
    private final String outputLayer;
    private boolean closed;

    private OpenCvNetSession(NetRequest request, boolean winograd, Net net, Mat blob, MatVector outs,
                             StringVector outNames, String outputLayer) {
        this.request = request;
        this.winograd = winograd;
        this.net = net;
        this.blob = blob;
        this.outs = outs;
        this.outNames = outNames;
        this.outputLayer = outputLayer;
        this.result = new float[Math.toIntExact(request.outputElements())];
    }

    static OpenCvNetSession open(NetRequest r, boolean winograd) throws BackendException {
        opencv_core.setNumThreads(r.threads());
        Net net = null;
        Mat blob = null;
        try {
            net = opencv_dnn.readNetFromONNX(r.model().toString());
            if (net.empty()) {
                throw new BackendException("opencv: readNetFromONNX gave an empty net for " + r.model());
            }
            if (r.int8()) {
                Map<String, Integer> types = layerTypes(net);
                if (types.keySet().stream().noneMatch(INT8_COMPUTE_LAYERS::contains)) {
                    throw new UnsupportedException("opencv " + opencv_core.CV_VERSION() + ": readNetFromONNX imports "
                            + "the QDQ int8 model as float layers " + types + " (fake quantisation: weights dequantized "
                            + "at import, Quantize/Dequantize layers between fp32 convolutions), not as its int8 layers "
                            + INT8_COMPUTE_LAYERS + "; timing it would time fp32 arithmetic");
                }
            }
            net.setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
            net.setPreferableTarget(opencv_dnn.DNN_TARGET_CPU);
            net.enableWinograd(winograd);
            int[] dims = Arrays.stream(r.inputShape()).mapToInt(Math::toIntExact).toArray();
            blob = new Mat(dims, opencv_core.CV_32F);
            new FloatPointer(blob.data()).put(r.inputData());
            net.setInput(blob);
            StringVector names = net.getUnconnectedOutLayersNames();
            if (names.size() != 1) {
                throw new BackendException("opencv: the net has " + names.size() + " outputs; opbench compares one");
            }
            String out = cString(names.get(0));
            return new OpenCvNetSession(r, winograd, net, blob, new MatVector(), new StringVector(out), out);
        } catch (RuntimeException | UnsupportedException e) {
            if (blob != null) {
                blob.close();
            }
            if (net != null) {
                net.close();
            }
            if (e instanceof UnsupportedException u) {
                throw u;
            }
            throw OpenCvErrors.map("loading " + r.model().getFileName(), (RuntimeException) e);
        }
    }

    @Override
    public void run() throws BackendException {
        try {
            net.forward(outs, outNames);
        } catch (RuntimeException e) {
            throw OpenCvErrors.map("forward", e);
        }
    }

    @Override
    public float[] output() throws BackendException {
        Mat m = outs.get(0);
        if (m.total() != result.length) {
            throw new BackendException("opencv: output has " + m.total() + " values, expected " + result.length);
        }
        new FloatPointer(m.data()).get(result);
        return result;
    }

    /**
     * fp32 on {@code DNN_TARGET_CPU}; with Winograd enabled, OpenCV runs its 3x3 stride-1 convolutions through
     * Winograd F(6x6, 3x3) ({@link org.opbench.backend.opencv.ConvPath}).
     */
    @Override
    public Execution execution() {
        String impl = "DNN_BACKEND_OPENCV/DNN_TARGET_CPU" + (winograd ? " winograd" : "");
        if (request.int8()) { // opened only where OpenCV made int8 compute layers of it
            return new Execution(request.algorithm(), impl + " int8 layers", Numerics.INT8, Transform.NONE);
        }
        return Execution.f32(request.algorithm(), impl, winograd ? Transform.WINOGRAD : Transform.NONE);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("winograd", winograd);
        d.put("threads", opencv_core.getNumThreads());
        d.put("output_layer", outputLayer);
        d.put("layers", net.getLayerNames().size());
        return d;
    }

    @Override
    public List<KernelTiming> profile(int runs) throws BackendException {
        StringVector names = net.getLayerNames();
        int n = (int) names.size();
        List<String> layerNames = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = cString(names.get(i));
            layerNames.add(name);
            types.add(cString(net.getLayer(net.getLayerId(name)).type()));
        }
        double[][] ticks = new double[n][runs];
        double freq = opencv_core.getTickFrequency();
        try (DoublePointer timings = new DoublePointer()) {
            run(); // untimed: the profile of a run right after the timed ones
            for (int r = 0; r < runs; r++) {
                run();
                net.getPerfProfile(timings);
                if (timings.limit() != n) {
                    throw new BackendException("opencv: getPerfProfile gave " + timings.limit() + " timings for "
                            + n + " layers");
                }
                for (int i = 0; i < n; i++) {
                    ticks[i][r] = timings.get(i);
                }
            }
        } catch (RuntimeException e) {
            throw OpenCvErrors.map("profile", e);
        }
        NameResolver resolver = new NameResolver(request.graph(), request.layers());
        List<KernelTiming> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] t = ticks[i];
            Arrays.sort(t);
            double median = t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
            String name = layerNames.get(i);
            String layer = name.startsWith(NODE_PREFIX) ? resolver.resolve(name.substring(NODE_PREFIX.length()))
                    : null;
            out.add(new KernelTiming(name, types.get(i), median / freq * 1e6, layer));
        }
        return out;
    }

    /**
     * The text of a string the preset returns: its pointer's limit may count the terminating NUL, which
     * {@code getString()} would keep, so read up to the NUL ({@code limit(0)}).
     */
    /** OpenCV's int8 compute layers (dnn/src/int8layers), as its layer type strings. */
    static final java.util.Set<String> INT8_COMPUTE_LAYERS = java.util.Set.of("ConvolutionInt8", "InnerProductInt8");

    /** Layer types of {@code net} with their counts. */
    static Map<String, Integer> layerTypes(Net net) {
        Map<String, Integer> types = new java.util.TreeMap<>();
        StringVector names = net.getLayerNames();
        for (long i = 0; i < names.size(); i++) {
            types.merge(cString(net.getLayer(net.getLayerId(cString(names.get(i)))).type()), 1, Integer::sum);
        }
        return types;
    }

    static String cString(org.bytedeco.javacpp.BytePointer p) {
        return p.limit(0).getString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        outNames.close();
        outs.close();
        blob.close();
        net.close();
    }
}
