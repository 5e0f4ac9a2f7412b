package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opbench.backend.opencv.OpenCvTestSupport.check;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opbench.problem.Op;
import org.opbench.problem.Problems;

/** Every operator against the reference, on small problems covering the shapes the backend maps differently. */
class OpenCvOpsTest {
    @BeforeEach
    void available() {
        OpenCvTestSupport.ready();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mb1ic16ih20iw20oc24kh3kw3sh1sw1ph1pw1",    // Winograd-eligible
            "mb2ic8ih14iw13oc12kh3kw3ph1pw1",           // batch 2, odd width, Winograd-eligible
            "mb2ic8ih15iw15oc16kh3kw3sh2sw2ph1pw1",     // stride 2
            "mb1ic6ih11iw9oc10kh3kw5sh1sw2ph1pw2",      // non-square kernel and stride, padding
            "mb3ic32ih7iw7oc48kh1kw1",                  // 1x1
            "mb2ic32ih14iw14oc32kh3kw3ph1pw1g32",       // depthwise, fast 3x3 kernel
            "mb1ic16ih15iw15oc16kh3kw3sh2sw2ph1pw1g16", // depthwise stride 2
            "mb1ic8ih13iw13oc8kh5kw5ph2pw2g8",          // depthwise 5x5, generic depthwise
            "mb1ic8ih14iw14oc8kh3kw3ph2pw2g8",          // depthwise 3x3 padding 2: Winograd
            "mb2ic12ih10iw10oc18kh3kw3ph1pw1g3",        // grouped, too small for Winograd
            "mb1ic12ih16iw16oc18kh3kw3ph1pw1g3",        // grouped Winograd
            "mb1ic4ih16iw16oc8kh3kw3ph2pw2dh1dw1",      // dilation
            "mb3ic5ih7iw9oc7kh2kw4sh3sw2ph1pw1",        // odd everything
    })
    void conv(String descriptor) throws Exception {
        var p = Problems.parse(Op.CONV, descriptor);
        String auto = check(p, "auto", 1);
        String direct = check(p, "direct", 2);
        assertEquals(false, direct.contains("winograd"), direct);
        if (auto.contains("winograd")) {
            assertEquals(auto, check(p, "winograd", 2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mb1ic64ih1iw1oc10", "mb3ic8ih5iw5oc17", "mb2ic100oc33"})
    void fc(String descriptor) throws Exception {
        assertEquals("opencv:fc:inner_product", check(Problems.parse(Op.FC, descriptor), "auto", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "max:mb2ic3ih9iw9oh4ow4kh3kw3sh2sw2ph0pw0",
            "max:mb1ic4ih10iw10oh5ow5kh3kw3sh2sw2ph0pw0",   // ceil
            "max:mb1ic2ih10iw10oh5ow4kh3kw3sh2sw2ph0pw0",   // ceil on H only
            "max:mb2ic3ih7iw8oh4ow5kh3kw2sh2sw2ph1pw1",
            "avg_np:mb2ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
            "avg_np:mb1ic2ih6iw6oh4ow4kh3kw3sh2sw2ph1pw1",  // ceil with padding
            "avg_p:mb2ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
            "avg_p:mb1ic2ih6iw6oh4ow4kh3kw3sh2sw2ph1pw1",   // ceil with padding
            "avg_p:mb1ic3ih10iw10oh5ow5kh3kw3sh2sw2ph0pw0", // ceil without padding
            "avg_p:mb2ic2ih9iw8oh5ow3kh2kw3sh2sw3ph1pw1",   // non-square
    })
    void pool(String descriptor) throws Exception {
        check(Problems.parse(Op.POOL, descriptor), "auto", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mb2ic10ih1iw1", "mb2ic7ih3iw5", "mb1ic1000"})
    void softmax(String descriptor) throws Exception {
        assertEquals("opencv:softmax", check(Problems.parse(Op.SOFTMAX, descriptor), "auto", 2));
    }
}
