// opbench OpenCL kernels: im2col for the GEMM convolution.
//
// col[n][r][p] with r = (c * KH + ky) * KW + kx over all input channels c (groups are consecutive row
// blocks) and p = oy * OW + ox; taps in the padding are 0. Work-items: dim 0 = p, dim 1 = r, dim 2 = n.

__kernel void im2col(__global const float* restrict src, __global float* restrict col,
                     const int IC, const int IH, const int IW, const int OH, const int OW,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int DH, const int DW, const int MB) {
    const int p = (int) get_global_id(0);
    const int r = (int) get_global_id(1);
    const int n = (int) get_global_id(2);
    const int P = OH * OW;
    const int R = IC * KH * KW;
    if (p >= P || r >= R || n >= MB) {
        return;
    }
    const int kx = r % KW;
    const int ky = (r / KW) % KH;
    const int c = r / (KW * KH);
    const int oy = p / OW;
    const int ox = p - oy * OW;
    const int iy = oy * SH - PH + ky * DH;
    const int ix = ox * SW - PW + kx * DW;
    float v = 0.0f;
    if (iy >= 0 && iy < IH && ix >= 0 && ix < IW) {
        v = src[(((size_t) n * IC + c) * IH + iy) * IW + ix];
    }
    col[((size_t) n * R + r) * P + p] = v;
}
