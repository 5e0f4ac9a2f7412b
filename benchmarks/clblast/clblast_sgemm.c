/*
 * CLBlast SGEMM timing on an OpenCL device, for comparison with opbench's own gemm kernel
 * (Debian's clblast-utils ships CLBlast's tuners but not its clblast_client_xgemm; this is the equivalent).
 *
 *   gcc -O2 -o clblast_sgemm clblast_sgemm.c -lclblast -lOpenCL
 *   ./clblast_sgemm [size=1024] [reps=20] [device=0]
 *
 * Row-major C (M x N) = A (M x K) * B (K x N), no transposes, alpha 1, beta 0, M = N = K = size. Times each call
 * (CLBlastSgemm + clFinish) on the wall clock after 3 warm-up calls (the first compiles CLBlast's kernels)
 * and prints the best and median GFLOPS = 2 * size^3 / time.
 */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <clblast_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
    double x = *(const double*) a, y = *(const double*) b;
    return x < y ? -1 : x > y;
}

#define CHECK(x) do { cl_int s_ = (x); if (s_ != CL_SUCCESS) { fprintf(stderr, "%s: %d\n", #x, s_); return 1; } } while (0)

int main(int argc, char** argv) {
    size_t n = argc > 1 ? (size_t) atol(argv[1]) : 1024;
    int reps = argc > 2 ? atoi(argv[2]) : 20;
    int want = argc > 3 ? atoi(argv[3]) : 0;
    cl_platform_id plats[8];
    cl_uint np = 0;
    CHECK(clGetPlatformIDs(8, plats, &np));
    cl_device_id dev = NULL;
    int seen = 0;
    for (cl_uint p = 0; p < np && !dev; p++) {
        cl_device_id devs[16];
        cl_uint nd = 0;
        if (clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, 16, devs, &nd) != CL_SUCCESS) continue;
        for (cl_uint d = 0; d < nd; d++, seen++) {
            if (seen == want) { dev = devs[d]; break; }
        }
    }
    if (!dev) { fprintf(stderr, "device %d not found\n", want); return 1; }
    char name[256];
    clGetDeviceInfo(dev, CL_DEVICE_NAME, sizeof name, name, NULL);
    cl_int err;
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    CHECK(err);
    cl_command_queue q = clCreateCommandQueue(ctx, dev, 0, &err);
    CHECK(err);
    float* h = malloc(n * n * sizeof(float));
    for (size_t i = 0; i < n * n; i++) h[i] = (float) ((i * 2654435761u) % 1000) / 500.0f - 1.0f;
    cl_mem a = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n * n * 4, h, &err); CHECK(err);
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n * n * 4, h, &err); CHECK(err);
    cl_mem c = clCreateBuffer(ctx, CL_MEM_READ_WRITE, n * n * 4, NULL, &err); CHECK(err);
    double* t = malloc(reps * sizeof(double));
    for (int r = -3; r < reps; r++) {
        double t0 = now();
        CLBlastStatusCode s = CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, n, n, n,
                                           1.0f, a, 0, n, b, 0, n, 0.0f, c, 0, n, &q, NULL);
        if (s != CLBlastSuccess) { fprintf(stderr, "CLBlastSgemm: status %d\n", (int) s); return 1; }
        CHECK(clFinish(q));
        if (r >= 0) t[r] = now() - t0;
    }
    qsort(t, reps, sizeof(double), cmp);
    double flops = 2.0 * n * n * n;
    printf("clblast sgemm %zux%zux%zu on '%s': best %.1f GFLOPS (%.2f ms), median %.1f GFLOPS (%.2f ms), %d reps\n",
           n, n, n, name, flops / t[0] * 1e-9, t[0] * 1e3, flops / t[reps / 2] * 1e-9, t[reps / 2] * 1e3, reps);
    return 0;
}
