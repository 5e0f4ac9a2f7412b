package org.opbench.network.models;

import org.opbench.network.NetGraph;

/**
 * AlexNet as Caffe's bvlc_alexnet deploy.prototxt (layer names from there): 227x227 input; conv1 96 11x11/4;
 * LRN (size 5, alpha 1e-4, beta 0.75) after relu1 and relu2; conv2, conv4 and conv5 in two groups; max pools
 * 3x3/2 in Caffe ceil mode; fc6, fc7 4096 with ReLU, fc8 1000, softmax. Dropout (training only) is left out.
 */
final class AlexNet {
    private AlexNet() {
    }

    static NetGraph build(String name) {
        GraphBuilder b = new GraphBuilder(name, 3, 227, 227);
        String x = b.relu("relu1", b.conv("conv1", b.input(), 96, 11, 4, 0, 1));
        x = b.maxPool("pool1", b.lrn("norm1", x, 5, 1e-4f, 0.75f), 3, 2, 0, true);
        x = b.relu("relu2", b.conv("conv2", x, 256, 5, 1, 2, 2));
        x = b.maxPool("pool2", b.lrn("norm2", x, 5, 1e-4f, 0.75f), 3, 2, 0, true);
        x = b.relu("relu3", b.conv("conv3", x, 384, 3, 1, 1, 1));
        x = b.relu("relu4", b.conv("conv4", x, 384, 3, 1, 1, 2));
        x = b.relu("relu5", b.conv("conv5", x, 256, 3, 1, 1, 2));
        x = b.maxPool("pool5", x, 3, 2, 0, true);
        x = b.relu("relu6", b.fc("fc6", b.flatten("pool5/flatten", x), 4096));
        x = b.relu("relu7", b.fc("fc7", x, 4096));
        return b.build(b.softmax("prob", b.fc("fc8", x, 1000)));
    }
}
