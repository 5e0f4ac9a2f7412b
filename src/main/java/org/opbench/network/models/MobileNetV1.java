package org.opbench.network.models;

import org.opbench.network.NetGraph;

/**
 * MobileNet v1 (Howard et al. 2017, Table 1; TF-slim mobilenet_v1.py) with width multiplier {@code alpha} and
 * input resolution {@code res}: a stride-2 3x3 conv, thirteen depthwise-separable blocks (3x3 depthwise conv,
 * 1x1 pointwise conv, each followed by batch norm and ReLU6), a global average pool and the classifier, written as
 * fc (it is a 1x1 conv on a 1x1 map), then softmax. Channels are {@code max(8, floor(alpha * c))} (TF-slim's
 * min_depth 8). Layer names follow the Caffe port shicai/MobileNet-Caffe.
 */
final class MobileNetV1 {
    /** (name, output channels at alpha 1, stride) of the depthwise-separable blocks. */
    private static final Object[][] BLOCKS = {
            {"conv2_1", 64, 1}, {"conv2_2", 128, 2}, {"conv3_1", 128, 1}, {"conv3_2", 256, 2},
            {"conv4_1", 256, 1}, {"conv4_2", 512, 2}, {"conv5_1", 512, 1}, {"conv5_2", 512, 1},
            {"conv5_3", 512, 1}, {"conv5_4", 512, 1}, {"conv5_5", 512, 1}, {"conv5_6", 1024, 2},
            {"conv6", 1024, 1}};

    private MobileNetV1() {
    }

    static NetGraph build(String name, double alpha, int res) {
        GraphBuilder b = new GraphBuilder(name, 3, res, res);
        String x = b.conv("conv1", b.input(), depth(32, alpha), 3, 3, 2, 2, 1, 1, 1, false);
        x = b.relu6("relu1", b.bn("conv1/bn", x));
        for (Object[] block : BLOCKS) {
            String n = (String) block[0];
            int stride = (Integer) block[2];
            String relu = "relu" + n.substring(4);
            int c = b.channels(x);
            x = b.conv(n + "/dw", x, c, 3, 3, stride, stride, 1, 1, c, false);
            x = b.relu6(relu + "/dw", b.bn(n + "/dw/bn", x));
            x = b.conv(n + "/sep", x, depth((Integer) block[1], alpha), 1, 1, 1, 1, 0, 0, 1, false);
            x = b.relu6(relu + "/sep", b.bn(n + "/sep/bn", x));
        }
        x = b.globalAvgPool("pool6", x);
        x = b.fc("fc7", b.flatten("pool6/flatten", x), 1000);
        return b.build(b.softmax("prob", x));
    }

    private static int depth(int channels, double alpha) {
        return Math.max(8, (int) (channels * alpha));
    }
}
