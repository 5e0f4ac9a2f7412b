// opbench OpenCL kernels: Winograd F(2x2, 3x3) convolution (stride 1, groups 1, no dilation).
//
// U[16][OC][IC] = G g G^T (filter transform, once at prepare)
// V[16][IC][P]  = B^T d B over 4x4 input tiles at stride 2, P = MB * TH * TW tiles (input transform)
// M[t] = U[t] * V[t], t = 0..15 (the batched GEMM of gemm.cl)
// y = A^T m A + bias, 2x2 outputs per tile (output transform)

__kernel void wino_filter(__global const float* restrict wei, __global float* restrict U, const int OC,
                          const int IC) {
    const int c = (int) get_global_id(0);
    const int o = (int) get_global_id(1);
    if (c >= IC || o >= OC) {
        return;
    }
    const __global float* g = wei + ((size_t) o * IC + c) * 9;
    float t[4][3];
    for (int j = 0; j < 3; j++) {
        const float g0 = g[j], g1 = g[3 + j], g2 = g[6 + j];
        t[0][j] = g0;
        t[1][j] = 0.5f * (g0 + g1 + g2);
        t[2][j] = 0.5f * (g0 - g1 + g2);
        t[3][j] = g2;
    }
    const size_t plane = (size_t) OC * IC;
    __global float* u = U + (size_t) o * IC + c;
    for (int i = 0; i < 4; i++) {
        const float a = t[i][0], b = t[i][1], d = t[i][2];
        u[(i * 4 + 0) * plane] = a;
        u[(i * 4 + 1) * plane] = 0.5f * (a + b + d);
        u[(i * 4 + 2) * plane] = 0.5f * (a - b + d);
        u[(i * 4 + 3) * plane] = d;
    }
}

__kernel void wino_input(__global const float* restrict src, __global float* restrict V, const int MB,
                         const int IC, const int IH, const int IW, const int TH, const int TW, const int PH,
                         const int PW) {
    const int p = (int) get_global_id(0);
    const int c = (int) get_global_id(1);
    const int P = MB * TH * TW;
    if (p >= P || c >= IC) {
        return;
    }
    const int n = p / (TH * TW);
    const int r = p - n * TH * TW;
    const int ty = r / TW;
    const int tx = r - ty * TW;
    const int iy0 = ty * 2 - PH;
    const int ix0 = tx * 2 - PW;
    const __global float* plane = src + ((size_t) n * IC + c) * IH * IW;
    float d[4][4];
#pragma unroll
    for (int i = 0; i < 4; i++) {
        const int iy = iy0 + i;
#pragma unroll
        for (int j = 0; j < 4; j++) {
            const int ix = ix0 + j;
            d[i][j] = (iy >= 0 && iy < IH && ix >= 0 && ix < IW) ? plane[(size_t) iy * IW + ix] : 0.0f;
        }
    }
    float t[4][4];
#pragma unroll
    for (int j = 0; j < 4; j++) {
        t[0][j] = d[0][j] - d[2][j];
        t[1][j] = d[1][j] + d[2][j];
        t[2][j] = d[2][j] - d[1][j];
        t[3][j] = d[1][j] - d[3][j];
    }
    const size_t plane16 = (size_t) IC * P;
    __global float* v = V + (size_t) c * P + p;
#pragma unroll
    for (int i = 0; i < 4; i++) {
        v[(i * 4 + 0) * plane16] = t[i][0] - t[i][2];
        v[(i * 4 + 1) * plane16] = t[i][1] + t[i][2];
        v[(i * 4 + 2) * plane16] = t[i][2] - t[i][1];
        v[(i * 4 + 3) * plane16] = t[i][1] - t[i][3];
    }
}

__kernel void wino_output(__global const float* restrict M, __global const float* restrict bias,
                          __global float* restrict dst, const int MB, const int OC, const int OH, const int OW,
                          const int TH, const int TW) {
    const int p = (int) get_global_id(0);
    const int o = (int) get_global_id(1);
    const int P = MB * TH * TW;
    if (p >= P || o >= OC) {
        return;
    }
    const size_t plane16 = (size_t) OC * P;
    const __global float* m = M + (size_t) o * P + p;
    float v[4][4];
#pragma unroll
    for (int i = 0; i < 4; i++) {
#pragma unroll
        for (int j = 0; j < 4; j++) {
            v[i][j] = m[(i * 4 + j) * plane16];
        }
    }
    float t[2][4];
#pragma unroll
    for (int j = 0; j < 4; j++) {
        t[0][j] = v[0][j] + v[1][j] + v[2][j];
        t[1][j] = v[1][j] - v[2][j] - v[3][j];
    }
    const int n = p / (TH * TW);
    const int r = p - n * TH * TW;
    const int ty = r / TW;
    const int tx = r - ty * TW;
    const float b = bias[o];
    __global float* out = dst + ((size_t) n * OC + o) * OH * OW;
#pragma unroll
    for (int i = 0; i < 2; i++) {
        const int oy = ty * 2 + i;
        const float y0 = t[i][0] + t[i][1] + t[i][2] + b;
        const float y1 = t[i][1] - t[i][2] - t[i][3] + b;
        if (oy < OH) {
            const int ox = tx * 2;
            out[(size_t) oy * OW + ox] = y0;
            if (ox + 1 < OW) {
                out[(size_t) oy * OW + ox + 1] = y1;
            }
        }
    }
}
