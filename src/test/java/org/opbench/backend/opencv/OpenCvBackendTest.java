package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opbench.testing.Refusals.assertRefused;
import static org.opbench.backend.opencv.OpenCvTestSupport.BACKEND;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.junit.jupiter.api.Test;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;

/** The backend contract on opencv, and its own facts: Winograd's conditions, OpenCL target, threads, statuses. */
class OpenCvBackendTest implements BackendContract {
    private static final Problem CONV = Problems.parse(Op.CONV, "mb1ic8ih16iw16oc8kh3kw3ph1pw1");

    /** Shared: the probe asks about OpenCL in a child JVM, once. */
    @Override
    public Subject subject() {
        return new Subject(BACKEND, OpenCvTestSupport.expectedHere());
    }

    @Test
    void probeReportsVersionIsaAndOpenCl() {
        OpenCvTestSupport.ready();
        Availability a = OpenCvTestSupport.availability();
        assertTrue(a.version().startsWith("4.13"), a.version());
        assertTrue(a.device().startsWith("cpu:"), a.device());
        assertTrue(a.details().get("opencl").contains("child JVM"), a.details().toString());
        assertFalse(a.details().get("parallel_framework").isBlank());
    }

    @Test
    void algorithmsPerOperator() {
        assertEquals(List.of("auto", "winograd", "direct", "ocl"), BACKEND.algorithms(Op.CONV));
        assertEquals(List.of("auto", "ocl"), BACKEND.algorithms(Op.POOL));
    }

    @Test
    void winogradIsRefusedWhereOpenCvWouldNotUseIt() {
        OpenCvTestSupport.ready();
        Support strided = BACKEND.supports(Problems.parse(Op.CONV, "mb1ic8ih16iw16oc8kh3kw3sh2sw2ph1pw1"),
                new Variant("winograd", "none", 1));
        assertFalse(strided.supported());
        assertTrue(strided.reason().contains("stride 2x2"), strided.reason());
        Support depthwise = BACKEND.supports(Problems.parse(Op.CONV, "mb1ic8ih16iw16oc8kh3kw3ph1pw1g8"),
                new Variant("winograd", "none", 1));
        assertTrue(depthwise.reason().contains("depthwise"), depthwise.reason());
        Problem small = Problems.parse(Op.CONV, "mb1ic8ih8iw8oc8kh3kw3ph1pw1");
        assertThrows(UnsupportedException.class, () -> BACKEND.prepare(small, new Variant("winograd", "none", 1),
                ProblemData.of(small, 1)));
    }

    @Test
    void algorithmOfAnotherOpAndOptionsAreRefused() {
        Problem fc = Problems.parse(Op.FC, "mb1ic8oc4");
        assertRefused(BACKEND.supports(fc, new Variant("winograd", "none", 1)), "'winograd' for fc");
        assertRefused(BACKEND.supports(CONV, new Variant("auto", "none", 1, Map.of("fusion", "on"))), "fusion");
    }

    @Test
    void openClTargetOnlyWithAGpu() throws Exception {
        OpenCvTestSupport.ready();
        Support s = BACKEND.supports(CONV, new Variant("ocl", "none", 1));
        boolean gpu = !OpenCvTestSupport.availability().details().containsKey("opencl_target");
        if (gpu && SignalChaining.active()) {
            OpenCvTestSupport.check(CONV, "ocl", 1);
        } else {
            assertFalse(s.supported());
            assertTrue(s.reason().contains("OpenCL"), s.reason());
        }
    }

    @Test
    void threadCountIsSetAtPrepareAndReported() throws Exception {
        OpenCvTestSupport.ready();
        Variant three = new Variant("auto", "none", 3);
        assertTrue(BACKEND.supports(CONV, three).supported());
        try (PreparedOp op = BACKEND.prepare(CONV, three, ProblemData.of(CONV, 1))) {
            op.run();
            assertEquals(3, op.details().get("threads"));
        }
    }

    @Test
    void detailsCarryOpenCvsPerLayerTime() throws Exception {
        OpenCvTestSupport.ready();
        Problem pool = Problems.parse(Op.POOL, "max:mb1ic8ih32iw32oh16ow16kh2kw2sh2sw2ph0pw0");
        try (PreparedOp op = BACKEND.prepare(pool, new Variant("auto", "none", 1), ProblemData.of(pool, 1))) {
            op.run();
            Map<String, Object> d = op.details();
            @SuppressWarnings("unchecked")
            Map<String, Double> layers = (Map<String, Double>) d.get("opencv_layer_us");
            assertNotNull(layers, d.toString());
            assertTrue(layers.containsKey("pool") && layers.get("pool") > 0, layers.toString());
            assertTrue(layers.containsKey("values"), layers.toString());
            assertEquals("opencv:pool:max:floor", op.impl());
        }
    }

    @Test
    void closeEndsTheOp() throws Exception {
        OpenCvTestSupport.ready();
        PreparedOp op = BACKEND.prepare(CONV, new Variant("direct", "none", 1), ProblemData.of(CONV, 1));
        op.run();
        org.junit.jupiter.api.Assertions.assertArrayEquals(op.output(), op.output());
        op.run();
        org.junit.jupiter.api.Assertions.assertArrayEquals(op.output(), op.output());
        op.close();
        assertThrows(IllegalStateException.class, op::run);
    }

    @Test
    void openCvStatusesMapToTypedExceptions() {
        OpenCvTestSupport.ready();
        // Caffe's STOCHASTIC pooling parses but OpenCV's CPU layer does not implement it (StsNotImplemented)
        BackendException notImplemented = forwardError("pool: STOCHASTIC kernel_h: 2 kernel_w: 2");
        assertInstanceOf(UnsupportedException.class, notImplemented);
        assertTrue(notImplemented.getMessage().contains("-213"), notImplemented.getMessage());
        // a kernel larger than the padded input fails a size check: an error, not "unsupported"
        BackendException badSize = forwardError("pool: MAX kernel_h: 9 kernel_w: 9");
        assertFalse(badSize instanceof UnsupportedException, badSize.getMessage());
    }

    private static BackendException forwardError(String poolingParams) {
        String text = "input: \"data\"\nlayer { name: \"p\" type: \"Pooling\" bottom: \"data\" top: \"p\" "
                + "pooling_param { " + poolingParams + " } }\n";
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        try (BytePointer proto = new BytePointer(b);
             Net net = opencv_dnn.readNetFromCaffe(proto, b.length, null, 0);
             Mat in = new Mat(new int[] {1, 1, 4, 4}, opencv_core.CV_32F)) {
            net.setInput(in);
            OpenCvErrors.clear();
            RuntimeException e = assertThrows(RuntimeException.class, () -> net.forward().close());
            return OpenCvErrors.map(e, "test forward");
        }
    }

    /**
     * Why avg_p in ceil mode is given explicit end padding: OpenCV's own ceil_mode divides the extra windows by
     * their area clipped to the padded input (Caffe's rule), which is not avg_p.
     */
    @Test
    void openCvCeilModeAverageIsNotAvgP() throws Exception {
        OpenCvTestSupport.ready();
        Problem p = Problems.parse(Op.POOL, "avg_p:mb1ic2ih6iw6oh4ow4kh3kw3sh2sw2ph1pw1");
        ProblemData data = ProblemData.of(p, 3);
        String text = "input: \"data\"\ninput_dim: 1\ninput_dim: 2\ninput_dim: 6\ninput_dim: 6\nlayer { name: \"p\" "
                + "type: \"Pooling\" bottom: \"data\" top: \"p\" pooling_param { pool: AVE kernel_h: 3 kernel_w: 3 "
                + "stride_h: 2 stride_w: 2 pad_h: 1 pad_w: 1 ceil_mode: true } }\n";
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        float[] out = new float[32];
        try (BytePointer proto = new BytePointer(b);
             Net net = opencv_dnn.readNetFromCaffe(proto, b.length, null, 0);
             Mat in = new Mat(new int[] {1, 2, 6, 6}, opencv_core.CV_32F)) {
            try (org.bytedeco.javacpp.FloatPointer v = new org.bytedeco.javacpp.FloatPointer(in.data())) {
                v.put(data.src(), 0, data.src().length);
            }
            net.setInput(in);
            try (Mat o = net.forward(); org.bytedeco.javacpp.FloatPointer v =
                    new org.bytedeco.javacpp.FloatPointer(o.data())) {
                assertEquals(32, o.total());
                v.get(out, 0, out.length);
            }
        }
        double err = Check.relativeError(out, Reference.compute(data));
        assertTrue(err > Tolerance.EXACT_ORDER, "OpenCV ceil_mode average now matches avg_p (err " + err
                + "): the explicit end padding in PoolPlan may no longer be needed");
        OpenCvTestSupport.check(p, "auto", 1);
    }

    @Test
    void probingAndRunningLeaveTheJvmsDivisionTrapIntact() throws Exception {
        OpenCvTestSupport.ready();
        OpenCvTestSupport.check(CONV, "auto", 2);
        int zero = Integer.parseInt("0");
        assertThrows(ArithmeticException.class, () -> System.out.println(5 / zero));
    }

    @Test
    void workerEnvironmentPointsTheOpenClCacheAndChainsSignals() {
        Map<String, String> env = BACKEND.workerEnvironment(2, Path.of("/tmp/opbench-cache"));
        assertEquals("/tmp/opbench-cache/opencv-opencl", env.get("OPENCV_OPENCL_CACHE_DIR"));
        if (SignalChaining.library() != null) {
            assertTrue(env.get("LD_PRELOAD").contains("libjsig"), env.toString());
        }
    }
}
