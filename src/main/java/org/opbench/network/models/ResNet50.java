package org.opbench.network.models;

import org.opbench.network.NetGraph;

/**
 * ResNet-50 v1 (He et al. 2016, Table 1; Caffe ResNet-50-deploy.prototxt, whose layer names these are): conv1
 * 7x7/2, a ceil-mode 3x3/2 max pool, bottleneck blocks (1x1, 3x3, 1x1 convs without bias, each with batch norm;
 * ReLU after the first two and after the residual add) in four stages of 3, 4, 6 and 3 blocks, the first block
 * of each stage with a 1x1 projection shortcut (branch1) and, from the second stage on, stride 2 on the first 1x1
 * conv (branch2a) and on the projection; global average pool, fc1000, softmax.
 */
final class ResNet50 {
    private ResNet50() {
    }

    static NetGraph build(String name) {
        GraphBuilder b = new GraphBuilder(name, 3, 224, 224);
        String x = b.conv("conv1", b.input(), 64, 7, 7, 2, 2, 3, 3, 1, false);
        x = b.relu("conv1_relu", b.bn("bn_conv1", x));
        x = b.maxPool("pool1", x, 3, 2, 0, true);
        int[] blocks = {3, 4, 6, 3};
        int[] mid = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < blocks[stage]; i++) {
                String id = (stage + 2) + String.valueOf((char) ('a' + i));
                int stride = i == 0 && stage > 0 ? 2 : 1;
                x = block(b, x, id, mid[stage], stride, i == 0);
            }
        }
        x = b.globalAvgPool("pool5", x);
        x = b.fc("fc1000", b.flatten("pool5/flatten", x), 1000);
        return b.build(b.softmax("prob", x));
    }

    private static String block(GraphBuilder b, String in, String id, int mid, int stride, boolean projection) {
        String shortcut = in;
        if (projection) {
            shortcut = b.bn("bn" + id + "_branch1",
                    b.conv("res" + id + "_branch1", in, 4 * mid, 1, 1, stride, stride, 0, 0, 1, false));
        }
        String x = b.conv("res" + id + "_branch2a", in, mid, 1, 1, stride, stride, 0, 0, 1, false);
        x = b.relu("res" + id + "_branch2a_relu", b.bn("bn" + id + "_branch2a", x));
        x = b.conv("res" + id + "_branch2b", x, mid, 3, 3, 1, 1, 1, 1, 1, false);
        x = b.relu("res" + id + "_branch2b_relu", b.bn("bn" + id + "_branch2b", x));
        x = b.bn("bn" + id + "_branch2c", b.conv("res" + id + "_branch2c", x, 4 * mid, 1, 1, 1, 1, 0, 0, 1, false),
                true);
        return b.relu("res" + id + "_relu", b.add("res" + id, shortcut, x));
    }
}
