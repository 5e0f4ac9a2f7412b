/**
 * The {@code cudnn} backend: convolution through cuDNN's legacy forward API with every forward algorithm cuDNN
 * defines, fully connected through cuBLAS sgemm, pooling and channel softmax through cuDNN, all timed with CUDA
 * events. Problem-to-descriptor mapping ({@link org.opbench.backend.cudnn.CudnnShapes}), algorithm names
 * ({@link org.opbench.backend.cudnn.ConvChoice}) and status mapping ({@link org.opbench.backend.cudnn.CudnnStatus})
 * are pure and tested without a GPU.
 */
package org.opbench.backend.cudnn;
