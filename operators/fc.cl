// opbench OpenCL kernels: fully connected layer as a blocked GEMV/GEMM with the reduction along K.
//
//   dst[n][o] = bias[o] + sum_k src[n][k] * wei[o][k]      (src N x K, wei OC x K, both row-major)
//
// Tiling (compile-time, tunable): each work-item computes NB batch rows x OCB outputs, reading VW floats of
// every row per step; rows and outputs past the end repeat the last one and are not stored.
// Work-items: dim 0 = output blocks, dim 1 = batch blocks.

#ifndef VW
#define VW 8
#endif
#ifndef NB
#define NB 1
#endif
#ifndef OCB
#define OCB 4
#endif

#include "floatv.h"

__kernel void fc_gemv(__global const float* restrict src, __global const float* restrict wei,
                      __global const float* restrict bias, __global float* restrict dst, const int MB,
                      const int OC, const int K) {
    const int o0 = (int) get_global_id(0) * OCB;
    const int n0 = (int) get_global_id(1) * NB;
    if (o0 >= OC || n0 >= MB) {
        return;
    }
    const __global float* s[NB];
    const __global float* w[OCB];
#pragma unroll
    for (int b = 0; b < NB; b++) {
        s[b] = src + (size_t) min(n0 + b, MB - 1) * K;
    }
#pragma unroll
    for (int o = 0; o < OCB; o++) {
        w[o] = wei + (size_t) min(o0 + o, OC - 1) * K;
    }
    floatv acc[NB][OCB];
#pragma unroll
    for (int b = 0; b < NB; b++) {
#pragma unroll
        for (int o = 0; o < OCB; o++) {
            acc[b][o] = (floatv) (0.0f);
        }
    }
    const int kv = K / VW * VW;
    for (int k = 0; k < kv; k += VW) {
        floatv sv[NB];
#pragma unroll
        for (int b = 0; b < NB; b++) {
            sv[b] = VLOAD(s[b] + k);
        }
#pragma unroll
        for (int o = 0; o < OCB; o++) {
            const floatv wv = VLOAD(w[o] + k);
#pragma unroll
            for (int b = 0; b < NB; b++) {
                acc[b][o] = mad(sv[b], wv, acc[b][o]);
            }
        }
    }
#pragma unroll
    for (int b = 0; b < NB; b++) {
#pragma unroll
        for (int o = 0; o < OCB; o++) {
            float t[VW];
            VSTORE(acc[b][o], t);
            float r = 0.0f;
#pragma unroll
            for (int l = 0; l < VW; l++) {
                r += t[l];
            }
            for (int k = kv; k < K; k++) {
                r = mad(s[b][k], w[o][k], r);
            }
            if (n0 + b < MB && o0 + o < OC) {
                dst[(size_t) (n0 + b) * OC + o0 + o] = r + bias[o0 + o];
            }
        }
    }
}
