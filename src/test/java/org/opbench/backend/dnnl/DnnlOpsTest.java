package org.opbench.backend.dnnl;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opbench.problem.Op;
import org.opbench.spi.BackendException;

/** Every dnnl operator against the Java reference on small problems with awkward shapes. */
class DnnlOpsTest {
    private static DnnlBackend backend;

    @BeforeAll
    static void load() {
        backend = DnnlTestSupport.backend();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb1ic3ih7iw9oc5kh3kw3sh1sw1ph1pw1",          // odd sizes, padding
        "mb2ic8ih12iw12oc16kh3kw3sh2sw2ph1pw1",       // batch > 1, stride 2
        "mb1ic16ih10iw10oc16kh3kw3sh1sw1ph1pw1g16",   // depthwise
        "mb1ic16ih9iw9oc16kh3kw3sh2sw2ph1pw1g16",     // depthwise, stride 2
        "mb2ic8ih9iw11oc12kh3kw3sh1sw1ph0pw0g4",      // grouped
        "mb1ic6ih8iw13oc10kh1kw5sh1sw2ph0pw2",        // non-square kernel and stride
        "mb1ic4ih11iw6oc8kh5kw2sh2sw1ph2pw1",         // non-square the other way
        "mb1ic8ih12iw12oc8kh3kw3sh1sw1ph2pw2dh1dw1",  // dilation
        "mb3ic32ih7iw7oc24kh1kw1sh1sw1ph0pw0",        // 1x1
    })
    void convAuto(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.CONV, descriptor, "auto", Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb1ic3ih7iw9oc5kh3kw3sh1sw1ph1pw1",
        "mb1ic16ih10iw10oc16kh3kw3sh1sw1ph1pw1g16",
        "mb2ic8ih12iw12oc16kh3kw3sh2sw2ph1pw1",
    })
    void convDirect(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.CONV, descriptor, "direct", Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nhwc", "nchw", "any"})
    void convLayouts(String layout) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.CONV, "mb2ic8ih9iw7oc12kh3kw3sh1sw1ph1pw1", "auto",
                Map.of(Layout.KEY, layout));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mb1ic64oc10", "mb3ic7oc5", "mb2ic3ih5iw7oc9", "mb1ic16ih3iw3oc33"})
    void fc(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.FC, descriptor, "auto", Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nhwc", "nchw"})
    void fcLayouts(String layout) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.FC, "mb2ic3ih5iw7oc9", "auto", Map.of(Layout.KEY, layout));
        DnnlTestSupport.checkAgainstReference(backend, Op.FC, "mb3ic7oc5", "auto", Map.of(Layout.KEY, layout));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "max:mb1ic5ih9iw9oh4ow4kh3kw3sh2sw2ph0pw0",       // floor mode
        "max:mb1ic5ih9iw9oh5ow5kh3kw3sh2sw2ph1pw1",       // padding
        "max:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",       // ceil mode (Caffe)
        "avg_np:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
        "avg_np:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",    // ceil mode
        "avg_p:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
        "avg_p:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",     // ceil mode
        "avg_np:mb1ic6ih7iw10oh1ow1kh7kw10sh1sw1ph0pw0",  // global, non-square
        "max:mb1ic3ih6iw11oh3ow5kh2kw3sh2sw2ph0pw0",      // non-square kernel
    })
    void pool(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.POOL, descriptor, "auto", Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "max:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",
        "avg_p:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
    })
    void poolNchw(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.POOL, descriptor, "auto", Map.of(Layout.KEY, "nchw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mb1ic1000", "mb2ic10ih3iw5", "mb3ic7ih1iw1"})
    void softmax(String descriptor) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.SOFTMAX, descriptor, "auto", Map.of());
        DnnlTestSupport.checkAgainstReference(backend, Op.SOFTMAX, descriptor, "auto", Map.of(Layout.KEY, "nchw"));
    }
}
