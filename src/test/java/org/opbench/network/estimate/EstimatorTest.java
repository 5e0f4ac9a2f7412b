package org.opbench.network.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.network.ShapeInference;
import org.opbench.network.ShapeSetText;
import org.opbench.network.models.Networks;
import org.opbench.problem.Layer;
import org.opbench.result.Json;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

class EstimatorTest {
    private static PointRecord point(Layer l, String backend, String alg, double us) {
        return PointRecord.builder().problem(l.problem()).network("").repeat(1).backend(backend).backendVersion("1")
                .device("cpu").algorithm(alg).tuner("none").threads(1).status(Status.OK).clock("wall")
                .samplesUs(new double[] {us}).timeUs(new TimeStats(us, us, us, 0, us, us)).cv(0.0).unstable(false)
                .gflops(1.0).gbps(1.0).prepareMs(1.0).relErr(0.0).tolerance(1e-4).seed(1).finished("").build();
    }

    @Test
    void sumsTimeTimesRepeatPerBackendAndPicksTheBestPerLayer() throws Exception {
        List<Layer> layers = ShapeSetText.layers(ShapeInference.infer(
                Networks.get("mobilenet-v1-0.25-128").build(), 1, "m"));
        List<PointRecord> points = new ArrayList<>();
        double a = 0;
        double best = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            double ta = 10 + i;
            double tb = i % 2 == 0 ? 5 + i : 20 + i;
            points.add(point(l, "a", "x", ta));
            points.add(point(l, "b", "y", tb));
            a += ta * l.repeat();
            best += Math.min(ta, tb) * l.repeat();
        }
        NetworkRecord measured = Json.mapper().readValue("{\"record\":\"network\",\"model\":\"mobilenet-v1-0.25-128\","
                + "\"backend\":\"a\",\"algorithm\":\"x\",\"threads\":1,\"batch\":1,\"status\":\"ok\","
                + "\"time_us\":{\"median\":" + (2 * a) + "}}", NetworkRecord.class);
        List<Estimator.Estimate> rows = Estimator.estimate("mobilenet-v1-0.25-128", 1, layers, points,
                List.of(measured));
        Estimator.Estimate ax = rows.stream().filter(r -> r.backend().equals("a") && r.algorithm().equals("x"))
                .findFirst().orElseThrow();
        assertEquals(a, ax.predictedUs(), 1e-9);
        assertEquals(layers.size(), ax.covered());
        assertEquals(-0.5, ax.error(), 1e-12);
        Estimator.Estimate all = rows.get(rows.size() - 1);
        assertEquals(Estimator.BEST, all.backend());
        assertEquals(best, all.predictedUs(), 1e-9);
        assertEquals("b", all.choices().get(0).backend());
        Estimator.Estimate onlyB = rows.stream().filter(r -> r.backend().equals("b") && r.algorithm().equals("y"))
                .findFirst().orElseThrow();
        assertNull(onlyB.measuredUs(), "no network record of backend b");
    }

    @Test
    void missingLayersLeaveThePredictionPartial() {
        List<Layer> layers = ShapeSetText.layers(ShapeInference.infer(
                Networks.get("alexnet").build(), 1, "a"));
        List<Estimator.Estimate> rows = Estimator.estimate("alexnet", 1, layers,
                List.of(point(layers.get(0), "a", "x", 100)), List.of());
        assertEquals(1, rows.get(0).covered());
        assertEquals(layers.size(), rows.get(0).total());
        assertNull(rows.get(0).error());
    }

    private static org.opbench.result.LayerRecord layer(String backend, String op, double us, boolean inserted) {
        return org.opbench.result.LayerRecord.builder().model("m.onnx").backend(backend).algorithm("x").threads(1)
                .batch(1).layer(op + us).op(op).timeUs(us).inserted(inserted).executed(true).build();
    }

    @Test
    void coverageIsTheShareOfProfiledTimeInConvFcAndPoolKernels() {
        NetworkRecord a = NetworkRecord.builder().model("m.onnx").backend("a").algorithm("x").threads(1).batch(1)
                .status(Status.OK).build();
        NetworkRecord b = NetworkRecord.builder().model("m.onnx").backend("b").algorithm("x").threads(1).batch(1)
                .status(Status.OK).build();
        NetworkRecord other = NetworkRecord.builder().model("m.onnx").backend("a").algorithm("x").threads(1).batch(2)
                .status(Status.OK).build();
        List<org.opbench.result.LayerRecord> layers = List.of(layer("a", "conv", 60, false), layer("a", "fc", 10, false),
                layer("a", "pool", 5, false), layer("a", "Resize", 20, false), layer("a", "Mul", 0, false),
                layer("a", "conv", 5, true), layer("b", "conv", 1, false), layer("b", "Add", 3, false));
        List<Estimator.Coverage> c = Estimator.coverage("m.onnx", 1, List.of(a, b, other), layers);
        assertEquals(2, c.size(), "batch 2 has no layer records");
        assertEquals(75.0 / 100, c.get(0).share(), 1e-12); // an inserted kernel named conv is not the model's conv
        assertEquals(5, c.get(0).kernels()); // the Mul without time is no kernel
        assertEquals(0.25, c.get(1).share(), 1e-12);
    }
}
