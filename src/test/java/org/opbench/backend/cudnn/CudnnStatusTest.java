package org.opbench.backend.cudnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.cuda.global.cudnn;
import org.junit.jupiter.api.Test;

/** cuDNN 9 status categories (the thousands digit). */
class CudnnStatusTest {

    @Test
    void notSupportedCategoryIsUnsupported() {
        assertEquals(CudnnStatus.Kind.UNSUPPORTED, CudnnStatus.classify(cudnn.CUDNN_STATUS_NOT_SUPPORTED));
        assertEquals(CudnnStatus.Kind.UNSUPPORTED, CudnnStatus.classify(cudnn.CUDNN_STATUS_NOT_SUPPORTED_SHAPE));
        assertEquals(CudnnStatus.Kind.UNSUPPORTED, CudnnStatus.classify(cudnn.CUDNN_STATUS_NOT_SUPPORTED_ARCH_MISMATCH));
        assertEquals(CudnnStatus.Kind.UNSUPPORTED, CudnnStatus.classify(cudnn.CUDNN_STATUS_NOT_SUPPORTED_LAYOUT));
    }

    @Test
    void otherCategories() {
        assertEquals(CudnnStatus.Kind.OK, CudnnStatus.classify(cudnn.CUDNN_STATUS_SUCCESS));
        assertEquals(CudnnStatus.Kind.BAD_PARAM, CudnnStatus.classify(cudnn.CUDNN_STATUS_BAD_PARAM));
        assertEquals(CudnnStatus.Kind.BAD_PARAM, CudnnStatus.classify(cudnn.CUDNN_STATUS_BAD_PARAM_SHAPE_MISMATCH));
        assertEquals(CudnnStatus.Kind.FAILED, CudnnStatus.classify(cudnn.CUDNN_STATUS_INTERNAL_ERROR));
        assertEquals(CudnnStatus.Kind.FAILED, CudnnStatus.classify(cudnn.CUDNN_STATUS_EXECUTION_FAILED));
        assertEquals(CudnnStatus.Kind.FAILED, CudnnStatus.classify(cudnn.CUDNN_STATUS_ALLOC_FAILED));
        assertEquals(CudnnStatus.Kind.FAILED, CudnnStatus.classify(cudnn.CUDNN_STATUS_NOT_INITIALIZED));
    }
}
