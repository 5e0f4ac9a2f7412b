package org.opbench.backend.acl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opbench.problem.Layer;
import org.opbench.problem.ShapeSetReader;

/**
 * The small ACL problem set ({@code src/test/resources/acl/acl-small.txt}) and what ACL 20.08 does with each
 * (layer, NEON algorithm) pair: the pairs it computes, and pinned reasons of some that it refuses. Shared by the
 * emulated test (workers under qemu) and the native test (on arm64).
 */
final class AclExpectations {
    static final List<String> NEON_CONV = List.of("auto", "gemm", "direct", "winograd", "depthwise", "fft");

    /** Convolution layer -> the NEON algorithms ACL 20.08 computes for it; every other pair is refused. */
    static final Map<String, List<String>> CONV_OK = Map.ofEntries(
            Map.entry("odd_pad", List.of("auto", "gemm", "direct", "winograd")),
            Map.entry("batch2_stride2", List.of("auto", "gemm", "direct")),
            Map.entry("dw", List.of("auto", "depthwise")),
            Map.entry("dw_stride2", List.of("auto", "depthwise")),
            Map.entry("dw_multiplier2", List.of("auto", "depthwise")),
            Map.entry("grouped", List.of()),
            Map.entry("nonsquare", List.of("auto", "gemm")),
            Map.entry("k5_nonsquare_stride", List.of("auto", "gemm", "direct")),
            Map.entry("dilated", List.of("auto", "gemm")),
            Map.entry("pointwise_batch3", List.of("auto", "gemm", "direct")),
            Map.entry("square_ic_eq_oc", List.of("auto", "gemm", "direct", "winograd", "fft")),
            Map.entry("k5", List.of("auto", "gemm", "direct")));

    /** Refusals whose reason is pinned: "layer/algorithm" -> a fragment of the reason. */
    static final Map<String, String> REASONS = Map.of(
            "batch2_stride2/winograd", "Winograd layer only supports unit strides",
            "grouped/auto", "Grouping (num_groups != 1) is not supported on NEON",
            "dw/gemm", "Grouping (num_groups != 1) is not supported on NEON",
            "dilated/direct", "NEDirectConvolutionLayer has no dilation parameter",
            "odd_pad/depthwise", "depthwise convolutions only",
            "k5/winograd", "requires enable_fast_math=true",
            "pointwise_batch3/winograd", "Only 1x3, 3x1, 3x3 and 5x5 kernels are supported");

    /**
     * int8 (QASYMM8 / QSYMM8_PER_CHANNEL / S32): ACL 20.08 computes convolutions through GEMM (auto, gemm) and the
     * depthwise function only; its direct, Winograd and FFT functions refuse QASYMM8 in validate().
     */
    static final List<String> INT8_CONV_ALGORITHMS = List.of("auto", "gemm", "depthwise");

    /** int8 refusals whose reason is pinned: "layer/algorithm" -> a fragment of ACL's reason. */
    static final Map<String, String> INT8_REASONS = Map.of(
            "odd_pad/direct", "QASYMM8 not supported by this kernel",
            "square_ic_eq_oc/fft", "QASYMM8 not supported by this kernel",
            "grouped/auto", "Grouping (num_groups != 1) is not supported on NEON",
            // NEFullyConnectedLayer wants weights of the source's type: per-channel QSYMM8 weights are refused
            "fc_flat/auto", "NEFullyConnectedLayer::validate",
            "fc_spatial/auto", "Tensors have different data types");

    /**
     * The message ACL 20.08's validate() gives for F16 where the library was built without Armv8.2-A fp16 vector
     * arithmetic (Debian's arm64 build: arch=arm64-v8a); a build with it computes F16 instead.
     */
    static final String F16_NOT_BUILT = "does not support F16 data type, you need v8.2 or above";

    private AclExpectations() {
    }

    /**
     * Whether ACL 20.08 computes the (layer, NEON algorithm) pair in int8; fc only as {@code gemm-conv}
     * (NEGEMMConvolutionLayer), since NEFullyConnectedLayer refuses per-channel weights.
     */
    static boolean computesInt8(String layer, String op, String algorithm) {
        if (op.equals("fc")) {
            return algorithm.equals("gemm-conv");
        }
        return computes(layer, op, algorithm) && (!op.equals("conv") || INT8_CONV_ALGORITHMS.contains(algorithm));
    }

    /** Whether the ACL whose build_information is {@code build} was built with F16 kernels (arch v8.2-a or later). */
    static boolean f16Built(String build) {
        return build != null && !build.contains("'arch': 'arm64-v8a'") && !build.contains("'arch': 'armv7a'");
    }

    /** Copies the set to {@code dir} (for the command line) and returns its path. */
    static Path setFile(Path dir) throws IOException {
        Path f = dir.resolve("acl-small.txt");
        try (InputStream in = AclExpectations.class.getResourceAsStream("/acl/acl-small.txt")) {
            if (in == null) {
                throw new IOException("acl-small.txt is missing from the test resources");
            }
            Files.copy(in, f);
        }
        return f;
    }

    static List<Layer> layers(Path dir) throws IOException {
        return ShapeSetReader.read(setFile(dir)).layers();
    }

    static boolean computes(String layer, String op, String algorithm) {
        return !op.equals("conv") || CONV_OK.get(layer).contains(algorithm);
    }
}
