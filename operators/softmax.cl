// opbench OpenCL kernels: softmax over channels of an NCHW tensor, at every (n, y, x).
// One position per work-item: max, sum of exp(x - max), then the quotients. Adjacent work-items take
// adjacent positions, so each channel's reads are contiguous. Work-items: dim 0 = y * W + x, dim 1 = n.

__kernel void softmax(__global const float* restrict src, __global float* restrict dst, const int MB,
                      const int C, const int S) {
    const int s = (int) get_global_id(0);
    const int n = (int) get_global_id(1);
    if (s >= S || n >= MB) {
        return;
    }
    const size_t base = (size_t) n * C * S + s;
    float m = -INFINITY;
    for (int c = 0; c < C; c++) {
        m = fmax(m, src[base + (size_t) c * S]);
    }
    float sum = 0.0f;
    for (int c = 0; c < C; c++) {
        sum += exp(src[base + (size_t) c * S] - m);
    }
    const float inv = 1.0f / sum;
    for (int c = 0; c < C; c++) {
        dst[base + (size_t) c * S] = exp(src[base + (size_t) c * S] - m) * inv;
    }
}
