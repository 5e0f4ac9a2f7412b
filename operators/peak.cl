// opbench OpenCL kernels: machine ceilings for `opbench peaks` (provider `opencl`).
//
// peak_fma: each work-item runs ITERS iterations of CHAINS (8 or 16) independent multiply-add chains of VW-wide
// vectors (VW = 1, 2, 4, 8 or 16) held in registers: 2 flops per lane per mad, CHAINS x VW x 2 flops per
// iteration. It then writes one sum so that nothing is optimised away; the values stay finite (|a| < 1). CPUs
// reach their peak with wide vectors and many chains (latency x pipes), GPUs with narrow ones (they vectorise across
// work-items and spill wide ones), so the provider builds several (VW, CHAINS) variants and keeps the best, as
// clpeak does.
// peak_triad: the STREAM triad a[i] = b[i] + s * c[i], float4 per work-item; bytes counted as STREAM does (3 x 16
// per work-item: two reads, one write).

#ifndef ITERS
#define ITERS 256
#endif
#ifndef VW
#define VW 8
#endif
#ifndef CHAINS
#define CHAINS 8
#endif

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#if VW == 1
typedef float vtype;
#define VSUM(v) (v)
#else
typedef CAT(float, VW) vtype;
#endif
#if VW == 2
#define VSUM(v) ((v).s0 + (v).s1)
#elif VW == 4
#define VSUM(v) (((v).s0 + (v).s1) + ((v).s2 + (v).s3))
#elif VW == 8
#define VSUM(v) ((((v).s0 + (v).s1) + ((v).s2 + (v).s3)) + (((v).s4 + (v).s5) + ((v).s6 + (v).s7)))
#elif VW == 16
#define VSUM(v) ((((v).s0 + (v).s1) + ((v).s2 + (v).s3)) + (((v).s4 + (v).s5) + ((v).s6 + (v).s7)) \
        + (((v).s8 + (v).s9) + ((v).sa + (v).sb)) + (((v).sc + (v).sd) + ((v).se + (v).sf)))
#endif

__kernel void peak_fma(__global float* restrict out, const float a, const float b) {
    const vtype x = (vtype) ((float) get_global_id(0) * 1e-6f);
    vtype x0 = x, x1 = x + 0.1f, x2 = x + 0.2f, x3 = x + 0.3f, x4 = x + 0.4f, x5 = x + 0.5f, x6 = x + 0.6f;
    vtype x7 = x + 0.7f;
#if CHAINS > 8
    vtype x8 = x + 0.8f, x9 = x + 0.9f, xa = x + 0.15f, xb = x + 0.25f, xc = x + 0.35f, xd = x + 0.45f;
    vtype xe = x + 0.55f, xf = x + 0.65f;
#endif
    for (int i = 0; i < ITERS; i++) {
        x0 = mad(x0, a, b);
        x1 = mad(x1, a, b);
        x2 = mad(x2, a, b);
        x3 = mad(x3, a, b);
        x4 = mad(x4, a, b);
        x5 = mad(x5, a, b);
        x6 = mad(x6, a, b);
        x7 = mad(x7, a, b);
#if CHAINS > 8
        x8 = mad(x8, a, b);
        x9 = mad(x9, a, b);
        xa = mad(xa, a, b);
        xb = mad(xb, a, b);
        xc = mad(xc, a, b);
        xd = mad(xd, a, b);
        xe = mad(xe, a, b);
        xf = mad(xf, a, b);
#endif
    }
    vtype s = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7));
#if CHAINS > 8
    s += ((x8 + x9) + (xa + xb)) + ((xc + xd) + (xe + xf));
#endif
    out[get_global_id(0)] = VSUM(s);
}

__kernel void peak_triad(__global float4* restrict a, __global const float4* restrict b,
                         __global const float4* restrict c, const float s) {
    const size_t i = get_global_id(0);
    a[i] = b[i] + s * c[i];
}
