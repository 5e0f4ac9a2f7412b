// opbench OpenCL kernels: depthwise convolution (groups == input channels == output channels).
//
// Compile-time: KH, KW, SH, SW, DH, DW (dilation factor: benchdnn's d + 1) and the tiling OHB x OWB
// (output rows x consecutive output columns per work-item; the KH x KW weights stay in registers).
// Work-items: dim 0 = output column blocks, dim 1 = output row blocks, dim 2 = MB * C.
// With stride 1 and OWB = 4, 8 or 16, a block whose input columns lie inside the row is computed with vector
// loads of OWB floats (the interior fast path); edge blocks take the scalar path.

#ifndef OWB
#define OWB 4
#endif
#ifndef OHB
#define OHB 1
#endif

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#if SW == 1 && (OWB == 4 || OWB == 8 || OWB == 16)
#define DW_VECTOR 1
typedef CAT(float, OWB) floatw;
#define WLOAD(p) CAT(vload, OWB)(0, (p))
#define WSTORE(v, p) CAT(vstore, OWB)((v), 0, (p))
#endif

__kernel void depthwise(__global const float* restrict src, __global const float* restrict wei,
                        __global const float* restrict bias, __global float* restrict dst,
                        const int MB, const int C, const int IH, const int IW, const int OH, const int OW,
                        const int PH, const int PW) {
    const int ox0 = (int) get_global_id(0) * OWB;
    const int oy0 = (int) get_global_id(1) * OHB;
    const int nc = (int) get_global_id(2);
    if (ox0 >= OW || oy0 >= OH || nc >= MB * C) {
        return;
    }
    const int c = nc % C;
    float w[KH * KW];
#pragma unroll
    for (int t = 0; t < KH * KW; t++) {
        w[t] = wei[(size_t) c * KH * KW + t];
    }
    const __global float* plane = src + (size_t) nc * IH * IW;
    const float b = bias[c];
    __global float* out = dst + (size_t) nc * OH * OW;
#ifdef DW_VECTOR
    const int xlo = ox0 - PW;
    const bool interior = xlo >= 0 && xlo + OWB - 1 + (KW - 1) * DW < IW && ox0 + OWB <= OW;
#endif
#pragma unroll
    for (int r = 0; r < OHB; r++) {
        const int oy = oy0 + r;
        if (oy >= OH) {
            break;
        }
#ifdef DW_VECTOR
        if (interior) {
            floatw vacc = (floatw) (b);
#pragma unroll
            for (int ky = 0; ky < KH; ky++) {
                const int iy = oy * SH - PH + ky * DH;
                if (iy < 0 || iy >= IH) {
                    continue;
                }
                const __global float* row = plane + (size_t) iy * IW + xlo;
#pragma unroll
                for (int kx = 0; kx < KW; kx++) {
                    vacc = mad((floatw) (w[ky * KW + kx]), WLOAD(row + kx * DW), vacc);
                }
            }
            WSTORE(vacc, out + (size_t) oy * OW + ox0);
            continue;
        }
#endif
        float acc[OWB];
#pragma unroll
        for (int j = 0; j < OWB; j++) {
            acc[j] = b;
        }
#pragma unroll
        for (int ky = 0; ky < KH; ky++) {
            const int iy = oy * SH - PH + ky * DH;
            if (iy < 0 || iy >= IH) {
                continue;
            }
            const __global float* row = plane + (size_t) iy * IW;
#pragma unroll
            for (int kx = 0; kx < KW; kx++) {
                const float wv = w[ky * KW + kx];
#pragma unroll
                for (int j = 0; j < OWB; j++) {
                    const int ix = (ox0 + j) * SW - PW + kx * DW;
                    acc[j] = mad(wv, (ix >= 0 && ix < IW) ? row[ix] : 0.0f, acc[j]);
                }
            }
        }
#pragma unroll
        for (int j = 0; j < OWB; j++) {
            if (ox0 + j < OW) {
                out[(size_t) oy * OW + ox0 + j] = acc[j];
            }
        }
    }
}

// Row variant, for CPU OpenCL drivers: one work-item computes OHB whole output rows of one (image, channel) plane.
// Rows of the kernel window that fall outside the input get zero weights and a valid row pointer, so the loop over
// the interior output columns has no branch and the driver's compiler can vectorise it across columns.
// Work-items: dim 0 = output row blocks, dim 1 = MB * C.
__kernel void depthwise_rows(__global const float* restrict src, __global const float* restrict wei,
                             __global const float* restrict bias, __global float* restrict dst,
                             const int MB, const int C, const int IH, const int IW, const int OH, const int OW,
                             const int PH, const int PW) {
    const int oy0 = (int) get_global_id(0) * OHB;
    const int nc = (int) get_global_id(1);
    if (oy0 >= OH || nc >= MB * C) {
        return;
    }
    const int c = nc % C;
    const __global float* plane = src + (size_t) nc * IH * IW;
    const float b = bias[c];
    __global float* out = dst + (size_t) nc * OH * OW;
    // interior columns: every tap inside the row
    const int xa = min(OW, (PW + SW - 1) / SW);
    const int last = IW - 1 - (KW - 1) * DW + PW;
    const int xb = max(xa, min(OW, last < 0 ? 0 : last / SW + 1));
    for (int r = 0; r < OHB; r++) {
        const int oy = oy0 + r;
        if (oy >= OH) {
            break;
        }
        float w[KH * KW];
        const __global float* rows[KH];
#pragma unroll
        for (int ky = 0; ky < KH; ky++) {
            const int iy = oy * SH - PH + ky * DH;
            const bool in = iy >= 0 && iy < IH;
            rows[ky] = plane + (size_t) (in ? iy : 0) * IW;
#pragma unroll
            for (int kx = 0; kx < KW; kx++) {
                w[ky * KW + kx] = in ? wei[(size_t) c * KH * KW + ky * KW + kx] : 0.0f;
            }
        }
        __global float* o = out + (size_t) oy * OW;
        for (int x = xa; x < xb; x++) {
            float acc = b;
#pragma unroll
            for (int ky = 0; ky < KH; ky++) {
#pragma unroll
                for (int kx = 0; kx < KW; kx++) {
                    acc = mad(w[ky * KW + kx], rows[ky][x * SW - PW + kx * DW], acc);
                }
            }
            o[x] = acc;
        }
        for (int x = 0; x < OW; x++) {
            if (x == xa) {
                x = xb; // skip the interior
                if (x >= OW) {
                    break;
                }
            }
            float acc = b;
#pragma unroll
            for (int ky = 0; ky < KH; ky++) {
#pragma unroll
                for (int kx = 0; kx < KW; kx++) {
                    const int ix = x * SW - PW + kx * DW;
                    acc = mad(w[ky * KW + kx], (ix >= 0 && ix < IW) ? rows[ky][ix] : 0.0f, acc);
                }
            }
            o[x] = acc;
        }
    }
}
