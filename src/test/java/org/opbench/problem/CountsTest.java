package org.opbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Operation and byte counts checked against hand-worked figures. */
class CountsTest {

    @Test
    void convFlopsAreTwoMacsPerWeightTapPerOutput() {
        // MobileNet conv1: 32 x 112 x 112 outputs x 3x3x3 taps = 10,838,016 MACs
        Problem p = Problems.parse(Op.CONV, "mb1ic3ih224oc32oh112kh3sh2ph1");
        assertEquals(2L * 10_838_016L, p.flops());
        // bytes: (3*224*224 src + 32*3*3*3 weights + 32 bias + 32*112*112 dst) * 4
        assertEquals(4L * (150_528 + 864 + 32 + 401_408), p.bytes());
    }

    @Test
    void depthwiseConvCountsOneInputChannelPerOutput() {
        // 512 channels, 14x14, 3x3: 512*14*14*9 = 903,168 MACs
        Problem p = Problems.parse(Op.CONV, "mb1ic512ih14oc512oh14kh3ph1g512");
        assertEquals(2L * 903_168L, p.flops());
        assertEquals(4L * (512 * 196 + 512 * 9 + 512 + 512 * 196), p.bytes());
    }

    @Test
    void groupedConvAndBatchScale() {
        // AlexNet conv2: g2, 96->256, 5x5 on 27x27 -> 27x27: 256*27*27*48*25 = 223,948,800 MACs
        Problem p = Problems.parse(Op.CONV, "mb1ic96ih27oc256oh27kh5ph2g2");
        assertEquals(2L * 223_948_800L, p.flops());
        assertEquals(4 * p.flops(), p.withBatch(4).flops());
    }

    @Test
    void fcFlops() {
        // VGG fc6: 512*7*7 inputs x 4096 outputs = 102,760,448 MACs
        Problem p = Problems.parse(Op.FC, "mb1ic512ih7iw7oc4096");
        assertEquals(2L * 102_760_448L, p.flops());
        assertEquals(4L * (25_088 + 102_760_448L + 4096 + 4096), p.bytes());
    }

    @Test
    void poolAndSoftmaxFlopsAsDocumented() {
        // max 3x3 s2 on 64x112x112 -> 56x56 (ceil): 64*56*56 outputs x 9 compares
        assertEquals(64L * 56 * 56 * 9, Problems.parse(Op.POOL, "max:mb1ic64ih112oh56kh3sh2").flops());
        // global average 7x7 over 1024 channels: 1024 x (49 adds + 1 divide)
        assertEquals(1024L * 50, Problems.parse(Op.POOL, "avg_np:mb1ic1024ih7oh1kh7").flops());
        assertEquals(5L * 1000 * 2, Problems.parse(Op.SOFTMAX, "mb2ic1000").flops());
        assertEquals(4L * 2 * 1000 * 2, Problems.parse(Op.SOFTMAX, "mb2ic1000").bytes());
    }
}
