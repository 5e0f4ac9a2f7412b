package org.opbench.network.models;

import java.util.List;
import java.util.function.Supplier;
import org.opbench.network.NetGraph;

/**
 * The built-in networks. Each is defined once, as a graph ({@link GraphBuilder}); its shape set
 * {@code tensors/<name>.txt} ({@link org.opbench.network.ShapeSetText}), its ONNX model
 * ({@link org.opbench.network.onnx.OnnxExport}) and its layer list all come from that graph. The header comments and
 * published figures below are those of the shape-set files, and the top-1 accuracies are ImageNet-1k validation
 * figures as published by the named source (single crop), for accuracy-versus-throughput plots.
 */
public final class Networks {
    /** The lines every shape-set header ends with. */
    private static final String FORMAT = """
            # Format: see opbench shape-set spec. One line per distinct layer at batch 1;
            # identical layers are collapsed with repeat=N (named after the first
            # occurrence, the others listed after '# also:'). Layers in network order.
            """;

    /** The header lines both MobileNet v1 variants share, after their first line. */
    private static final String MOBILENET_V1 = """
            # Architecture: A. G. Howard et al., "MobileNets: Efficient Convolutional Neural
            # Networks for Mobile Vision Applications", arXiv:1704.04861 (2017), Table 1;
            # TF-slim models/research/slim/nets/mobilenet_v1.py. Layer names follow the
            # Caffe port shicai/MobileNet-Caffe (conv1, convX_Y/dw, convX_Y/sep, pool6, fc7);
            # TF-slim names: conv1=Conv2d_0, conv2_1..conv6 = Conv2d_1..Conv2d_13
            # (_depthwise / _pointwise), pool6=AvgPool_1a, fc7=Conv2d_1c_1x1 (logits).
            # Stride-2 3x3 convs: TF uses SAME padding (asymmetric, pad only bottom/right);
            # written here as symmetric ph1/pw1 (as in the Caffe port), which gives the same
            # output size and the same FLOPs. The classifier (a 1x1 conv on 1x1 input in
            # both ports) is written as fc. Global average pool written with stride 1.
            # BatchNorm/ReLU6/softmax are not listed (not conv/fc/pool).
            """;

    /** The header lines both SqueezeNet variants share, after their first two. */
    private static final String SQUEEZENET = """
            # Architecture: F. N. Iandola et al., "SqueezeNet: AlexNet-level accuracy with
            # 50x fewer parameters and <0.5MB model size", arXiv:1602.07360 (2016), Table 1
            # (v1.0); v1.1 as defined in forresti/SqueezeNet SqueezeNet_v1.1. Layer names
            # from the prototxt. Fire module = squeeze1x1, expand1x1, expand3x3 (p1); max
            # pools 3x3 s2 p0 in Caffe ceil mode; conv10 1x1 -> 1000; global avg pool10;
            # no fc layer. ReLU/concat/dropout/softmax not listed.
            # Input size: the prototxt declares 227x227 (Caffe crop size); this file uses
            # 224x224 like torchvision, whose figure is the published total below.
            """;

    private static final List<BuiltinNetwork> ALL = List.of(
            network("mobilenet-v1-1.0-224", "# MobileNet v1, width multiplier 1.0, 224x224 input, batch 1.\n"
                    + MOBILENET_V1 + """
                # Published total: 569 M mult-adds = 1.138 GFLOPs, Howard et al. 2017,
                # arXiv:1704.04861, Table 8 (1.0 MobileNet-224), also TF-slim
                # models/research/slim/nets/mobilenet_v1.md (MobileNet_v1_1.0_224).
                """,
                    "1.138 Howard et al. 2017, MobileNets, arXiv:1704.04861, Table 8 (1.0 MobileNet-224: 569 M mult-adds); same in TF-slim models/research/slim/nets/mobilenet_v1.md",
                    70.6, "Howard et al. 2017, MobileNets, arXiv:1704.04861, Table 8 (1.0 MobileNet-224: 70.6% ImageNet accuracy)",
                    () -> MobileNetV1.build("mobilenet-v1-1.0-224", 1.0, 224)),
            network("mobilenet-v1-0.25-128", "# MobileNet v1, width multiplier 0.25, 128x128 input, batch 1.\n"
                    + MOBILENET_V1 + """
                # Channels (alpha 0.25, TF-slim min_depth 8): 8,16,32,64,128,256;
                # spatial 64,64,32,16,8,4; pool6 avg 4x4; fc7 256->1000.
                # Published total: 14 M MACs = 0.028 GFLOPs, TF-slim
                # models/research/slim/nets/mobilenet_v1.md, table of pre-trained
                # models (MobileNet_v1_0.25_128). That figure is rounded to whole
                # millions: this file totals 13.57 M MACs = 0.02714 GFLOPs (-3.1%),
                # with 0.465 M weights vs the table's 0.47 M parameters.
                # No Caffe model of this variant: the Caffe-style names mirror the 1.0
                # file.
                """,
                    "0.028 tolerance=4% TF-slim mobilenet_v1.md table, MobileNet_v1_0.25_128: 14 million MACs (rounded to whole millions; exact count 13.57 M)",
                    41.5, "TF-slim models/research/slim/nets/mobilenet_v1.md, MobileNet_v1_0.25_128 (2018_02_22 checkpoint): top-1 41.5%, single crop",
                    () -> MobileNetV1.build("mobilenet-v1-0.25-128", 0.25, 128)),
            network("resnet-50", """
                # ResNet-50 (v1, original), 224x224 input, batch 1.
                # Architecture: K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for
                # Image Recognition", CVPR 2016, Table 1; Caffe model KaimingHe/deep-residual-
                # networks ResNet-50-deploy.prototxt (layer names from there). Stride 2 sits on
                # the first 1x1 conv (branch2a) of each downsampling bottleneck and on its 1x1
                # projection shortcut (branch1); conv1 7x7 s2 p3; pool1 max 3x3 s2 p0 in Caffe
                # ceil mode (112 -> 56); projection shortcuts only in res2a/res3a/res4a/res5a.
                # Order inside a block follows the prototxt: branch1, branch2a, 2b, 2c.
                # BatchNorm/Scale/ReLU/Eltwise-add/softmax are not listed.
                # NOTE: torchvision's resnet50 is 'v1.5' (stride on the 3x3 conv, ~4.1 G MACs);
                # this file is v1 (~3.86 G MACs).
                # Published total: 3.9 G MACs = 7.8 GFLOPs, V. Sze, Y.-H.
                # Chen, T.-J. Yang, J. Emer, "Efficient Processing of Deep Neural Networks: A
                # Tutorial and Survey", Proc. IEEE 105(12), 2017, Table 4.
                """,
                    "7.8 Sze, Chen, Yang, Emer, Efficient Processing of Deep Neural Networks: A Tutorial and Survey, Proc. IEEE 2017, Table 4 (ResNet-50: 3.9 G MACs)",
                    75.3, "KaimingHe/deep-residual-networks README, ResNet-50 Caffe model: 1-crop (center 224x224) validation top-1 error 24.7%",
                    () -> ResNet50.build("resnet-50")),
            network("alexnet", """
                # AlexNet, Caffe bvlc_alexnet (deploy.prototxt), 227x227 input, batch 1.
                # Architecture: A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet
                # Classification with Deep Convolutional Neural Networks", NIPS 2012;
                # Caffe models/bvlc_alexnet. conv1 96 11x11 s4 p0 (227 -> 55); conv2 256 5x5
                # p2 group 2; conv3 384 3x3 p1; conv4 384 3x3 p1 group 2; conv5 256 3x3 p1
                # group 2; pool1/pool2/pool5 max 3x3 s2 (Caffe ceil mode; sizes are exact here:
                # 55->27, 27->13, 13->6); fc6 9216(256x6x6)->4096, fc7 4096->4096, fc8 4096->1000.
                # LRN (norm1/norm2), ReLU, dropout and softmax are not listed.
                # Published total: 724 M MACs = 1.448 GFLOPs, V. Sze, Y.-H. Chen, T.-J. Yang,
                # J. Emer, "Efficient Processing of Deep Neural Networks: A Tutorial and
                # Survey", Proc. IEEE 105(12), 2017, Table 4.
                """,
                    "1.448 Sze, Chen, Yang, Emer, Efficient Processing of Deep Neural Networks: A Tutorial and Survey, Proc. IEEE 2017, Table 4 (AlexNet: 724 M MACs)",
                    57.1, "Caffe models/bvlc_alexnet readme: top-1 accuracy 57.1% on the validation set, center crop",
                    () -> AlexNet.build("alexnet")),
            network("googlenet", """
                # GoogLeNet (Inception v1), Caffe bvlc_googlenet (deploy.prototxt), 224x224
                # input, batch 1, without the two auxiliary classifiers (training only).
                # Architecture: C. Szegedy et al., "Going Deeper with Convolutions", CVPR 2015
                # (arXiv:1409.4842, 2014), Table 1; Caffe models/bvlc_googlenet (layer names
                # from there). conv1/7x7_s2 p3; all max pools 3x3 s2 p0 in Caffe ceil mode
                # (112->56, 56->28, 28->14, 14->7); inception branch order as in the prototxt:
                # 1x1, 3x3_reduce, 3x3 (p1), 5x5_reduce, 5x5 (p2), pool (max 3x3 s1 p1),
                # pool_proj; pool5/7x7_s1 avg 7x7 s1; loss3/classifier fc 1024->1000.
                # LRN, ReLU, concat, dropout and softmax are not listed.
                # Published total: 1.43 G MACs = 2.86 GFLOPs, V. Sze, Y.-H. Chen, T.-J. Yang,
                # J. Emer, "Efficient Processing of Deep Neural Networks: A Tutorial and
                # Survey", Proc. IEEE 105(12), 2017, Table 4.
                # NOTE: this file totals 3.178 GFLOPs (1582.7 M MACs conv+fc), +11% over that
                # figure. The layer shapes agree with Szegedy et al. Table 1 (same channel
                # counts; its per-layer 'ops' column sums to ~1.50 G, with conv1 given as 34 M
                # where 7x7x3x64 at 112x112 is 118 M). The Sze figure is reproduced exactly
                # (1431.6 M MACs) if the stride-2 max pools use floor instead of Caffe's ceil
                # mode (spatial 55/27/13/6 instead of 56/28/14/7); bvlc_googlenet uses ceil
                # mode, so the shapes here keep 56/28/14/7.
                """,
                    "3.0 tolerance=6% Szegedy et al., Going Deeper with Convolutions, 2014, Sec. 5: \"1.5 billion multiply-adds\" (a rounded budget; Sze et al. 2017 Table 4 gives 1.43 G MACs for floor-mode pools; this Caffe ceil-mode model computes 1.583 G MACs)",
                    68.7, "Caffe models/bvlc_googlenet readme: top-1 accuracy 68.7% on the validation set, center crop",
                    () -> GoogLeNet.build("googlenet")),
            network("squeezenet-1.0", """
                # SqueezeNet v1.0, 224x224 input, batch 1; Caffe model
                # forresti/SqueezeNet SqueezeNet_v1.0/deploy.prototxt.
                """ + SQUEEZENET + """
                # conv1 96 7x7 s2 p0: 224 -> 109; pool1 109 -> 54; pool4 54 -> 27;
                # pool8 27 -> 13.
                # conv10: the Caffe v1.0 prototxt (deploy and train_val) has 'pad: 1' on the
                # 1x1 conv10, so it outputs 15x15 and pool10 averages 15x15. This file follows
                # Caffe. torchvision's squeezenet1_0 has no padding there (13x13 output,
                # pool10 13x13): 28.67 M MACs less. This file totals 1.700 GFLOPs (847.6 M
                # MACs), +3.7% over the published figure; with torchvision's unpadded conv10
                # it would be 1.643 GFLOPs (818.9 M MACs, +0.2%). The whole gap is conv10.
                # Published total: torchvision model documentation, 0.82 'GFLOPS' (torchvision counts
                # multiply-adds) = 1.64 GFLOPs here.
                """,
                    "1.64 tolerance=4% torchvision model documentation, squeezenet1_0: 0.82 G multiply-adds (torchvision has no pad on conv10; the Caffe model here pads it, +28.7 M MACs)",
                    57.5, "Iandola et al. 2016, SqueezeNet, arXiv:1602.07360, Table 2 (SqueezeNet, uncompressed: 57.5% top-1)",
                    () -> SqueezeNet.v10("squeezenet-1.0")),
            network("squeezenet-1.1", """
                # SqueezeNet v1.1, 224x224 input, batch 1; Caffe model
                # forresti/SqueezeNet SqueezeNet_v1.1/deploy.prototxt.
                """ + SQUEEZENET + """
                # conv1 64 3x3 s2 p0: 224 -> 111; pool1 111 -> 55; pool3 55 -> 27;
                # pool5 27 -> 13. conv10 has no padding (13x13), same as torchvision.
                # Published total: torchvision model documentation, 0.35 'GFLOPS' (torchvision counts
                # multiply-adds) = 0.70 GFLOPs here.
                """,
                    "0.70 torchvision.models.squeezenet1_1 documentation, SqueezeNet1_1_Weights.IMAGENET1K_V1: GFLOPS 0.35 (0.35 G multiply-adds at 224x224, times 2)",
                    58.178, "torchvision documentation, SqueezeNet1_1_Weights.IMAGENET1K_V1: acc@1 58.178 (torchvision's squeezenet1_1 is this architecture)",
                    () -> SqueezeNet.v11("squeezenet-1.1")),
            network("vgg-16", """
                # VGG-16 (configuration D), 224x224 input, batch 1.
                # Architecture: K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks
                # for Large-Scale Image Recognition", ICLR 2015 (arXiv:1409.1556), Table 1
                # column D; layer names from the Caffe model VGG_ILSVRC_16_layers_deploy.
                # 13 convs 3x3 s1 p1; 5 max pools 2x2 s2; fc6 25088(512x7x7)->4096,
                # fc7 4096->4096, fc8 4096->1000. ReLU/dropout/softmax not listed.
                # Published total: 15.5 G MACs = 31.0 GFLOPs, V. Sze, Y.-H. Chen, T.-J. Yang,
                # J. Emer, "Efficient Processing of Deep Neural Networks: A Tutorial and
                # Survey", Proc. IEEE 105(12), 2017, Table 4.
                """,
                    "31.0 Sze, Chen, Yang, Emer, Efficient Processing of Deep Neural Networks: A Tutorial and Survey, Proc. IEEE 2017, Table 4 (VGG-16: 15.5 G MACs)",
                    71.5, "KaimingHe/deep-residual-networks README, 1-crop (center 224x224) validation error table, VGG-16 (MatConvNet model): top-1 error 28.5%",
                    () -> Vgg16.build("vgg-16")));

    private Networks() {
    }

    private static BuiltinNetwork network(String name, String comments, String published, Double top1,
                                          String top1Source, Supplier<NetGraph> graph) {
        return new BuiltinNetwork(name, comments + FORMAT, published, top1, top1Source, graph);
    }

    /** Every built-in network, in a fixed order. */
    public static List<BuiltinNetwork> all() {
        return ALL;
    }

    /** The built-in network of that name, or null. */
    public static BuiltinNetwork get(String name) {
        for (BuiltinNetwork n : ALL) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The names, in order. */
    public static List<String> names() {
        return ALL.stream().map(BuiltinNetwork::name).toList();
    }
}
