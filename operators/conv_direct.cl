// opbench OpenCL kernels: direct convolution (any groups), NCHW source, OIHW weights, bias per channel.
//
// Compile-time: KH, KW (kernel), SH, SW (stride), DH, DW (dilation factor: benchdnn's d + 1) and the tiling
// OCB (output channels per work-item, within one group) and OWB (consecutive output columns per work-item).
// Work-items: dim 0 = output column blocks, dim 1 = output rows, dim 2 = MB * G * ceil(OCG / OCB).

#ifndef OCB
#define OCB 4
#endif
#ifndef OWB
#define OWB 4
#endif

__kernel void conv_direct(__global const float* restrict src, __global const float* restrict wei,
                          __global const float* restrict bias, __global float* restrict dst,
                          const int MB, const int G, const int IC, const int IH, const int IW,
                          const int OC, const int OH, const int OW, const int PH, const int PW) {
    const int ICG = IC / G;
    const int OCG = OC / G;
    const int ocBlocks = (OCG + OCB - 1) / OCB;
    const int ox0 = (int) get_global_id(0) * OWB;
    const int oy = (int) get_global_id(1);
    const int zz = (int) get_global_id(2);
    if (ox0 >= OW || oy >= OH || zz >= MB * G * ocBlocks) {
        return;
    }
    const int n = zz / (G * ocBlocks);
    const int rest = zz - n * G * ocBlocks;
    const int grp = rest / ocBlocks;
    const int ocg0 = (rest - grp * ocBlocks) * OCB;   // first channel within the group
    const int oc0 = grp * OCG + ocg0;

    // channels past the group's end repeat its last channel (valid memory); they are not stored
    const __global float* w[OCB];
#pragma unroll
    for (int o = 0; o < OCB; o++) {
        w[o] = wei + (size_t) (grp * OCG + min(ocg0 + o, OCG - 1)) * ICG * KH * KW;
    }
    float acc[OCB][OWB];
#pragma unroll
    for (int o = 0; o < OCB; o++) {
#pragma unroll
        for (int j = 0; j < OWB; j++) {
            acc[o][j] = 0.0f;
        }
    }
    const int iy0 = oy * SH - PH;
    const int ix0 = ox0 * SW - PW;
    for (int c = 0; c < ICG; c++) {
        const __global float* plane = src + ((size_t) n * IC + grp * ICG + c) * IH * IW;
#pragma unroll
        for (int ky = 0; ky < KH; ky++) {
            const int iy = iy0 + ky * DH;
            if (iy < 0 || iy >= IH) {
                continue;
            }
            const __global float* row = plane + (size_t) iy * IW;
#pragma unroll
            for (int kx = 0; kx < KW; kx++) {
                float in[OWB];
#pragma unroll
                for (int j = 0; j < OWB; j++) {
                    const int ix = ix0 + j * SW + kx * DW;
                    in[j] = (ix >= 0 && ix < IW) ? row[ix] : 0.0f;
                }
                const int tap = (c * KH + ky) * KW + kx;
#pragma unroll
                for (int o = 0; o < OCB; o++) {
                    const float wv = w[o][tap];
#pragma unroll
                    for (int j = 0; j < OWB; j++) {
                        acc[o][j] = mad(wv, in[j], acc[o][j]);
                    }
                }
            }
        }
    }
#pragma unroll
    for (int o = 0; o < OCB; o++) {
        if (ocg0 + o < OCG) {
            const int oc = oc0 + o;
            const float b = bias[oc];
            __global float* out = dst + (((size_t) n * OC + oc) * OH + oy) * OW + ox0;
#pragma unroll
            for (int j = 0; j < OWB; j++) {
                if (ox0 + j < OW) {
                    out[j] = acc[o][j] + b;
                }
            }
        }
    }
}
