package org.opbench.backend.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.spi.Transform;

/**
 * Pure Java: the transform an ACL convolution states, from the function opbench configured, or for {@code auto}
 * from the {@code ConvolutionMethod} the glue reports ACL chose.
 */
class AclPrecisionTest {

    @Test
    void namedFunctionsStateTheirTransform() {
        assertEquals(Transform.WINOGRAD, AclAlgorithm.of(Op.CONV, "winograd").convTransform("NEWinogradConvolutionLayer"));
        assertEquals(Transform.WINOGRAD, AclAlgorithm.of(Op.CONV, "cl-winograd").convTransform("x"));
        assertEquals(Transform.FFT, AclAlgorithm.of(Op.CONV, "fft").convTransform("NEFFTConvolutionLayer"));
        assertEquals(Transform.NONE, AclAlgorithm.of(Op.CONV, "gemm").convTransform("NEGEMMConvolutionLayer"));
        assertEquals(Transform.NONE, AclAlgorithm.of(Op.CONV, "direct").convTransform("NEDirectConvolutionLayer"));
        assertEquals(Transform.NONE, AclAlgorithm.of(Op.CONV, "depthwise").convTransform("x"));
    }

    @Test
    void autoStatesTheMethodAclReportsChoosing() {
        AclAlgorithm auto = AclAlgorithm.of(Op.CONV, "auto");
        assertEquals(Transform.WINOGRAD, auto.convTransform("NEConvolutionLayer:WINOGRAD"));
        assertEquals(Transform.FFT, auto.convTransform("CLConvolutionLayer:FFT"));
        assertEquals(Transform.NONE, auto.convTransform("NEConvolutionLayer:GEMM"));
        assertEquals(Transform.NONE, auto.convTransform("NEConvolutionLayer:DIRECT"));
        // a method this glue does not name is not assumed exact
        assertEquals(Transform.UNREPORTED, auto.convTransform("NEConvolutionLayer:UNKNOWN"));
        // auto routes depthwise problems to the depthwise function, which reports no method
        assertEquals(Transform.NONE, auto.convTransform("NEDepthwiseConvolutionLayer"));
    }
}
