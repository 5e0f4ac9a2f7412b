// opbench OpenCL kernels: max / average pooling, NCHW. One output element per work-item.
//
// alg: 0 max, 1 avg_np (mean over the window elements inside the input), 2 avg_p (sum / (KH * KW), padding
// counted as zeros). Windows start at o * S - P and are clipped to the
// input, which also covers the extra bottom/right padding of ceil-mode output sizes.
// Work-items: dim 0 = ox, dim 1 = oy, dim 2 = MB * C.

__kernel void pool(__global const float* restrict src, __global float* restrict dst, const int alg, const int NC,
                   const int IH, const int IW, const int OH, const int OW, const int KH, const int KW,
                   const int SH, const int SW, const int PH, const int PW) {
    const int ox = (int) get_global_id(0);
    const int oy = (int) get_global_id(1);
    const int nc = (int) get_global_id(2);
    if (ox >= OW || oy >= OH || nc >= NC) {
        return;
    }
    const int y0 = oy * SH - PH;
    const int x0 = ox * SW - PW;
    const int ys = max(y0, 0), ye = min(y0 + KH, IH);
    const int xs = max(x0, 0), xe = min(x0 + KW, IW);
    const __global float* plane = src + (size_t) nc * IH * IW;
    float r;
    if (alg == 0) {
        r = -INFINITY;
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                r = fmax(r, plane[(size_t) y * IW + x]);
            }
        }
    } else {
        float s = 0.0f;
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                s += plane[(size_t) y * IW + x];
            }
        }
        r = s / (float) (alg == 1 ? (ye - ys) * (xe - xs) : KH * KW);
    }
    dst[((size_t) nc * OH + oy) * OW + ox] = r;
}
