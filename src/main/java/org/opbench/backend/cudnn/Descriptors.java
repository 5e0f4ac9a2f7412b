package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnCreateConvolutionDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateFilterDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreatePoolingDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateTensorDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyConvolutionDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyFilterDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyPoolingDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnDestroyTensorDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolution2dDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionGroupCount;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionMathType;
import static org.bytedeco.cuda.global.cudnn.cudnnSetFilter4dDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetPooling2dDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetTensor4dDescriptorEx;

import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;
import org.opbench.backend.cuda.Closer;
import org.opbench.spi.BackendException;

/** cuDNN descriptors built from {@link CudnnShapes}, each destroyed when its {@link Closer} closes. */
final class Descriptors {
    private Descriptors() {
    }

    static cudnnTensorStruct tensor(Closer closer, CudnnShapes.Tensor4d t) throws BackendException {
        cudnnTensorStruct d = new cudnnTensorStruct();
        CudnnStatus.check(cudnnCreateTensorDescriptor(d), "cudnnCreateTensorDescriptor");
        closer.onClose(() -> cudnnDestroyTensorDescriptor(d));
        CudnnStatus.check(cudnnSetTensor4dDescriptorEx(d, cudnn.CUDNN_DATA_FLOAT, t.n(), t.c(), t.h(), t.w(),
                t.nStride(), t.cStride(), t.hStride(), t.wStride()), "cudnnSetTensor4dDescriptorEx " + t);
        return d;
    }

    static cudnnFilterStruct filter(Closer closer, CudnnShapes.Filter4d f) throws BackendException {
        cudnnFilterStruct d = new cudnnFilterStruct();
        CudnnStatus.check(cudnnCreateFilterDescriptor(d), "cudnnCreateFilterDescriptor");
        closer.onClose(() -> cudnnDestroyFilterDescriptor(d));
        CudnnStatus.check(cudnnSetFilter4dDescriptor(d, cudnn.CUDNN_DATA_FLOAT, cudnn.CUDNN_TENSOR_NCHW, f.k(), f.c(),
                f.h(), f.w()), "cudnnSetFilter4dDescriptor " + f);
        return d;
    }

    static cudnnConvolutionStruct conv(Closer closer, CudnnShapes.ConvGeometry g, int mathType)
            throws BackendException {
        cudnnConvolutionStruct d = new cudnnConvolutionStruct();
        CudnnStatus.check(cudnnCreateConvolutionDescriptor(d), "cudnnCreateConvolutionDescriptor");
        closer.onClose(() -> cudnnDestroyConvolutionDescriptor(d));
        CudnnStatus.check(cudnnSetConvolution2dDescriptor(d, g.padH(), g.padW(), g.strideH(), g.strideW(),
                g.dilationH(), g.dilationW(), g.mode(), cudnn.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor");
        CudnnStatus.check(cudnnSetConvolutionGroupCount(d, g.groups()), "cudnnSetConvolutionGroupCount(" + g.groups() + ")");
        CudnnStatus.check(cudnnSetConvolutionMathType(d, mathType), "cudnnSetConvolutionMathType");
        return d;
    }

    static cudnnPoolingStruct pool(Closer closer, CudnnShapes.PoolGeometry g) throws BackendException {
        cudnnPoolingStruct d = new cudnnPoolingStruct();
        CudnnStatus.check(cudnnCreatePoolingDescriptor(d), "cudnnCreatePoolingDescriptor");
        closer.onClose(() -> cudnnDestroyPoolingDescriptor(d));
        CudnnStatus.check(cudnnSetPooling2dDescriptor(d, g.mode(), cudnn.CUDNN_NOT_PROPAGATE_NAN, g.windowH(),
                g.windowW(), g.padH(), g.padW(), g.strideH(), g.strideW()), "cudnnSetPooling2dDescriptor");
        return d;
    }
}
