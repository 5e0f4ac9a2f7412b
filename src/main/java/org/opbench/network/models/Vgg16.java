package org.opbench.network.models;

import org.opbench.network.NetGraph;

/**
 * VGG-16, configuration D of Simonyan and Zisserman (layer names from the Caffe model
 * VGG_ILSVRC_16_layers_deploy): thirteen 3x3 convs with ReLU in five stages of 2, 2, 3, 3, 3, each stage ending in
 * a 2x2/2 max pool; fc6, fc7 4096 with ReLU, fc8 1000, softmax. Dropout is left out.
 */
final class Vgg16 {
    private Vgg16() {
    }

    static NetGraph build(String name) {
        GraphBuilder b = new GraphBuilder(name, 3, 224, 224);
        int[] convs = {2, 2, 3, 3, 3};
        int[] channels = {64, 128, 256, 512, 512};
        String x = b.input();
        for (int s = 0; s < 5; s++) {
            for (int i = 1; i <= convs[s]; i++) {
                String id = (s + 1) + "_" + i;
                x = b.relu("relu" + id, b.conv("conv" + id, x, channels[s], 3, 1, 1, 1));
            }
            x = b.maxPool("pool" + (s + 1), x, 2, 2, 0, false);
        }
        x = b.relu("relu6", b.fc("fc6", b.flatten("pool5/flatten", x), 4096));
        x = b.relu("relu7", b.fc("fc7", x, 4096));
        return b.build(b.softmax("prob", b.fc("fc8", x, 1000)));
    }
}
