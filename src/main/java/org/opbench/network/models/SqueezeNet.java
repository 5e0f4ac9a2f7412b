package org.opbench.network.models;

import java.util.List;
import java.util.Set;
import org.opbench.network.NetGraph;

/**
 * SqueezeNet 1.0 and 1.1 as forresti/SqueezeNet's Caffe deploy.prototxt files (layer names from there), at
 * 224x224: fire modules (squeeze 1x1, then expand 1x1 and expand 3x3 concatenated, each conv followed by ReLU),
 * max pools 3x3/2 in Caffe ceil mode, conv10 1x1 to 1000 classes (padded by 1 in the v1.0 Caffe model), global
 * average pool, softmax. Dropout is left out.
 */
final class SqueezeNet {
    private SqueezeNet() {
    }

    static NetGraph v10(String name) {
        return build(name, 96, 7, Set.of(4, 8), 1);
    }

    static NetGraph v11(String name) {
        return build(name, 64, 3, Set.of(3, 5), 0);
    }

    /**
     * conv1 ({@code conv1Channels}, {@code conv1Kernel} square, stride 2), pool1, fire2 to fire9 (squeeze 16, 16, 32,
     * 32, 48, 48, 64, 64; expand four times that) with a max pool {@code poolN} after each fire N in
     * {@code poolAfter}, then conv10 (padded by {@code conv10Pad}) and the head.
     */
    private static NetGraph build(String name, int conv1Channels, int conv1Kernel, Set<Integer> poolAfter,
                                  int conv10Pad) {
        GraphBuilder b = new GraphBuilder(name, 3, 224, 224);
        String x = b.relu("relu_conv1", b.conv("conv1", b.input(), conv1Channels, conv1Kernel, 2, 0, 1));
        x = b.maxPool("pool1", x, 3, 2, 0, true);
        for (int n = 2; n <= 9; n++) {
            int squeeze = 16 * (n / 2);
            x = fire(b, x, "fire" + n, squeeze, 4 * squeeze);
            if (poolAfter.contains(n)) {
                x = b.maxPool("pool" + n, x, 3, 2, 0, true);
            }
        }
        return head(b, b.relu("relu_conv10", b.conv("conv10", x, 1000, 1, 1, conv10Pad, 1)));
    }

    private static NetGraph head(GraphBuilder b, String x) {
        x = b.globalAvgPool("pool10", x);
        return b.build(b.softmax("prob", b.flatten("pool10/flatten", x)));
    }

    private static String fire(GraphBuilder b, String in, String n, int squeeze, int expand) {
        String s = b.relu(n + "/relu_squeeze1x1", b.conv(n + "/squeeze1x1", in, squeeze, 1, 1, 0, 1));
        String e1 = b.relu(n + "/relu_expand1x1", b.conv(n + "/expand1x1", s, expand, 1, 1, 0, 1));
        String e3 = b.relu(n + "/relu_expand3x3", b.conv(n + "/expand3x3", s, expand, 3, 1, 1, 1));
        return b.concat(n + "/concat", List.of(e1, e3));
    }
}
