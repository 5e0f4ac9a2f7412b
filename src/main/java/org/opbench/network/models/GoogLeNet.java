package org.opbench.network.models;

import java.util.List;
import org.opbench.network.NetGraph;

/**
 * GoogLeNet (Inception v1) as Caffe's bvlc_googlenet deploy.prototxt (layer names from there), without the
 * auxiliary classifiers: conv1 7x7/2, max pools 3x3/2 in Caffe ceil mode, LRN after pool1 and conv2/3x3, nine
 * inception modules (branches 1x1; 3x3_reduce, 3x3; 5x5_reduce, 5x5; max pool 3x3/1, pool_proj; each conv followed
 * by ReLU; outputs concatenated), average pool 7x7, loss3/classifier fc 1000, softmax. Dropout is left out.
 */
final class GoogLeNet {
    private GoogLeNet() {
    }

    static NetGraph build(String name) {
        GraphBuilder b = new GraphBuilder(name, 3, 224, 224);
        String x = b.relu("conv1/relu_7x7", b.conv("conv1/7x7_s2", b.input(), 64, 7, 2, 3, 1));
        x = b.lrn("pool1/norm1", b.maxPool("pool1/3x3_s2", x, 3, 2, 0, true), 5, 1e-4f, 0.75f);
        x = b.relu("conv2/relu_3x3_reduce", b.conv("conv2/3x3_reduce", x, 64, 1, 1, 0, 1));
        x = b.relu("conv2/relu_3x3", b.conv("conv2/3x3", x, 192, 3, 1, 1, 1));
        x = b.maxPool("pool2/3x3_s2", b.lrn("conv2/norm2", x, 5, 1e-4f, 0.75f), 3, 2, 0, true);
        x = inception(b, x, "inception_3a", 64, 96, 128, 16, 32, 32);
        x = inception(b, x, "inception_3b", 128, 128, 192, 32, 96, 64);
        x = b.maxPool("pool3/3x3_s2", x, 3, 2, 0, true);
        x = inception(b, x, "inception_4a", 192, 96, 208, 16, 48, 64);
        x = inception(b, x, "inception_4b", 160, 112, 224, 24, 64, 64);
        x = inception(b, x, "inception_4c", 128, 128, 256, 24, 64, 64);
        x = inception(b, x, "inception_4d", 112, 144, 288, 32, 64, 64);
        x = inception(b, x, "inception_4e", 256, 160, 320, 32, 128, 128);
        x = b.maxPool("pool4/3x3_s2", x, 3, 2, 0, true);
        x = inception(b, x, "inception_5a", 256, 160, 320, 32, 128, 128);
        x = inception(b, x, "inception_5b", 384, 192, 384, 48, 128, 128);
        x = b.avgPool("pool5/7x7_s1", x, 7, 1, 0);
        x = b.fc("loss3/classifier", b.flatten("pool5/flatten", x), 1000);
        return b.build(b.softmax("prob", x));
    }

    private static String inception(GraphBuilder b, String in, String n, int c1, int c3r, int c3, int c5r, int c5,
                                    int proj) {
        String a = b.relu(n + "/relu_1x1", b.conv(n + "/1x1", in, c1, 1, 1, 0, 1));
        String r3 = b.relu(n + "/relu_3x3_reduce", b.conv(n + "/3x3_reduce", in, c3r, 1, 1, 0, 1));
        String t = b.relu(n + "/relu_3x3", b.conv(n + "/3x3", r3, c3, 3, 1, 1, 1));
        String r5 = b.relu(n + "/relu_5x5_reduce", b.conv(n + "/5x5_reduce", in, c5r, 1, 1, 0, 1));
        String f = b.relu(n + "/relu_5x5", b.conv(n + "/5x5", r5, c5, 5, 1, 2, 1));
        String p = b.maxPool(n + "/pool", in, 3, 1, 1, true);
        String pp = b.relu(n + "/relu_pool_proj", b.conv(n + "/pool_proj", p, proj, 1, 1, 0, 1));
        return b.concat(n + "/output", List.of(a, t, f, pp));
    }
}
