// opbench OpenCL kernels: batched, register-blocked, vectorised GEMM.
//
//   C[z] = A[z] (M x K) * B[z] (K x N) (+ bias), all row-major with leading dimensions lda, ldb, ldc.
//
// Batch index z in [0, batch) splits into zo = z / batchInner and zi = z % batchInner; each matrix starts at
// zo * xOuter + zi * xInner (e.g. conv: zo = image, zi = group). biasMode: 0 none, 1 one per row m,
// 2 one per column n; the bias pointer advances by zi * biasInner.
//
// Tiling (compile-time, tunable): each work-item computes TM rows x (VW * NV) columns of C, holding
// TM * NV vectors of VW floats in registers. Work-items: dim 0 = column tiles, dim 1 = row tiles, dim 2 = batch.
// Ids beyond the problem return at once, so the global size may be rounded up to any local size.

#ifndef TM
#define TM 4
#endif
#ifndef VW
#define VW 8
#endif
#ifndef NV
#define NV 1
#endif
#define TN (VW * NV)

#include "floatv.h"

__kernel void gemm(const int M, const int N, const int K, const int batch, const int batchInner,
                   __global const float* restrict A, const int lda, const int aOuter, const int aInner,
                   __global const float* restrict B, const int ldb, const int bOuter, const int bInner,
                   __global float* restrict C, const int ldc, const int cOuter, const int cInner,
                   __global const float* restrict bias, const int biasMode, const int biasInner) {
    const int n0 = (int) get_global_id(0) * TN;
    const int m0 = (int) get_global_id(1) * TM;
    const int z = (int) get_global_id(2);
    if (n0 >= N || m0 >= M || z >= batch) {
        return;
    }
    const int zo = z / batchInner;
    const int zi = z - zo * batchInner;
    A += (size_t) zo * aOuter + (size_t) zi * aInner;
    B += (size_t) zo * bOuter + (size_t) zi * bInner;
    C += (size_t) zo * cOuter + (size_t) zi * cInner;
    bias += (size_t) zi * biasInner;

    // rows past M repeat the last row (valid memory); their results are not stored
    const __global float* a[TM];
#pragma unroll
    for (int i = 0; i < TM; i++) {
        a[i] = A + (size_t) min(m0 + i, M - 1) * lda;
    }
    floatv acc[TM][NV];
#pragma unroll
    for (int i = 0; i < TM; i++) {
#pragma unroll
        for (int v = 0; v < NV; v++) {
            acc[i][v] = (floatv) (0.0f);
        }
    }
    const __global float* b = B + n0;
    const bool full = n0 + TN <= N;
    if (full) {
        for (int k = 0; k < K; k++, b += ldb) {
            floatv bv[NV];
#pragma unroll
            for (int v = 0; v < NV; v++) {
                bv[v] = VLOAD(b + v * VW);
            }
#pragma unroll
            for (int i = 0; i < TM; i++) {
                const floatv av = (floatv) (a[i][k]);
#pragma unroll
                for (int v = 0; v < NV; v++) {
                    acc[i][v] = mad(av, bv[v], acc[i][v]);
                }
            }
        }
    } else {
        for (int k = 0; k < K; k++, b += ldb) {
            floatv bv[NV];
#pragma unroll
            for (int v = 0; v < NV; v++) {
                float t[VW];
#pragma unroll
                for (int l = 0; l < VW; l++) {
                    t[l] = n0 + v * VW + l < N ? b[v * VW + l] : 0.0f;
                }
                bv[v] = VLOAD(t);
            }
#pragma unroll
            for (int i = 0; i < TM; i++) {
                const floatv av = (floatv) (a[i][k]);
#pragma unroll
                for (int v = 0; v < NV; v++) {
                    acc[i][v] = mad(av, bv[v], acc[i][v]);
                }
            }
        }
    }

#pragma unroll
    for (int i = 0; i < TM; i++) {
        const int m = m0 + i;
        if (m < M) {
            const float rb = biasMode == 1 ? bias[m] : 0.0f;
            __global float* c = C + (size_t) m * ldc + n0;
#pragma unroll
            for (int v = 0; v < NV; v++) {
                floatv r = acc[i][v] + (floatv) (rb);
                if (full) {
                    if (biasMode == 2) {
                        r += VLOAD(bias + n0 + v * VW);
                    }
                    VSTORE(r, c + v * VW);
                } else {
                    float t[VW];
                    VSTORE(r, t);
#pragma unroll
                    for (int l = 0; l < VW; l++) {
                        const int n = n0 + v * VW + l;
                        if (n < N) {
                            c[v * VW + l] = t[l] + (biasMode == 2 ? bias[n] : 0.0f);
                        }
                    }
                }
            }
        }
    }
}
