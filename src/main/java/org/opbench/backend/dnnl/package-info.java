/**
 * The {@code dnnl} backend: Intel oneDNN 3.x on the CPU through its C API (JavaCPP preset {@code org.bytedeco:dnnl}).
 *
 * <ul>
 *   <li>Operators and algorithms: conv {@code auto} (default, {@code dnnl_convolution_auto}), {@code direct},
 *       {@code winograd} (oneDNN 3.x has no CPU Winograd: prepare throws {@code UnsupportedException}
 *       "oneDNN: dnnl_unimplemented (status 3) for convolution_winograd ..."); fc (inner product), pool
 *       (max, avg_np = avg_exclude_padding, avg_p = avg_include_padding; ceil mode as explicit right/bottom
 *       padding) and softmax (axis 1, accurate): {@code auto} only.</li>
 *   <li>Layouts: conv and fc let the primitive choose ({@code any}); pool and softmax run in {@code nhwc}.
 *       Option {@code --option dnnl.layout=default|any|nhwc|nchw} forces the activation layout. Inputs are
 *       reordered from opbench's canonical layouts in prepare, the destination back to NCHW in
 *       {@code output()} only; details record the chosen layouts as oneDNN tags ({@code acdb},
 *       {@code Acdb16a}, ...), the scratchpad size and the thread count.</li>
 *   <li>{@code impl()} is oneDNN's {@code impl_info_str}; seen on an AVX-512 host: {@code brg_conv_fwd:avx512_core},
 *       {@code brgconv_1x1:avx512_core}, {@code brdgmm_dw:avx512_core} (depthwise), {@code brg_conv_fwd:avx2}
 *       (small groups), {@code brg_matmul:avx512_core} and {@code x64:gemm:jit} (fc), {@code jit:avx512_core}
 *       (pool), {@code simple_nchw:any} (avg pool on nchw), {@code jit:avx512_core_bf16} (softmax).</li>
 *   <li>Threads: {@code workerEnvironment} sets {@code OMP_NUM_THREADS}; oneDNN's C API does not report its
 *       thread count, so {@link org.opbench.backend.dnnl.OmpThreads} observes the OpenMP team once per process
 *       and points asking for another count are refused.</li>
 *   <li>All {@code dnnl_status_t} codes become exceptions in {@link org.opbench.backend.dnnl.DnnlStatus}.</li>
 * </ul>
 */
package org.opbench.backend.dnnl;
