/**
 * CUDA pieces shared by the NVIDIA backends ({@code cudnn}, {@code tensorrt}): loading the JavaCPP CUDA presets
 * without ever failing at class initialisation ({@link org.opbench.backend.cuda.NativeLibs}), turning a missing
 * native library into a readable reason ({@link org.opbench.backend.cuda.MissingLibrary}), the device query
 * ({@link org.opbench.backend.cuda.CudaDevice}), status checks ({@link org.opbench.backend.cuda.CudaStatus}),
 * device buffers, streams, CUDA-event timing and the worker environment.
 *
 * <p>Nothing here touches a native library before a method is called: class loading stays cheap and safe on
 * machines without the NVIDIA driver.
 */
package org.opbench.backend.cuda;
