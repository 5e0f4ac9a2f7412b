package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.Stats;
import org.opbench.network.ShapeInference;
import org.opbench.network.ShapeSetText;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.problem.Layer;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** {@code opbench estimate} predicts each precision from its own points: an int8 point never stands in for f32. */
class EstimatePrecisionTest {
    @Test
    void onePredictionPerPrecision(@TempDir Path dir) throws IOException {
        BuiltinNetwork net = Networks.get("mobilenet-v1-0.25-128");
        List<Layer> layers = ShapeSetText.layers(ShapeInference.infer(net.build(), 1, net.name()));
        int instances = layers.stream().mapToInt(Layer::repeat).sum();
        List<String> lines = new ArrayList<>();
        for (Layer l : layers) {
            lines.add(Json.mapper().writeValueAsString(point(l, "f32", 10)));
            lines.add(Json.mapper().writeValueAsString(point(l, "int8", 2)));
        }
        Path f = dir.resolve("mixed.jsonl");
        Files.write(f, lines);
        Cli r = Cli.run("estimate", f.toString(), "--model", net.name());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        int f32 = out.indexOf("== f32 ==");
        int int8 = out.indexOf("== int8 (no network run of this precision");
        assertTrue(f32 >= 0 && int8 > f32, out);
        // every layer at 10 us in f32 and 2 us in int8: the best per layer of f32 is 10 x instances, not 2 x
        assertTrue(out.substring(f32, int8).contains(Format.time(10.0 * instances)), out);
        assertTrue(out.substring(int8).contains(Format.time(2.0 * instances)), out);
        assertTrue(!out.substring(f32, int8).contains(Format.time(2.0 * instances)), out);
    }

    private static PointRecord point(Layer l, String dtype, double us) {
        double[] samples = {us, us, us};
        return PointRecord.builder().op(l.problem().op().id()).problem(l.problem().descriptor()).layer(l.name())
                .network("mobilenet-v1-0.25-128").repeat(l.repeat()).batch(1).dtype(dtype).backend("dnnl")
                .algorithm("auto").tuner("none").threads(1).status(Status.OK).clock("wall").samplesUs(samples)
                .timeUs(TimeStats.of(Stats.of(samples))).flops(1000).bytes(100).build();
    }
}
