// opbench OpenCL kernels: floatv, a vector of VW floats (plain float for VW 1), with VLOAD and VSTORE for
// unaligned access. Shared by fc.cl and gemm.cl, which define VW first; opbench pastes this file in place of
// their #include line when it reads them (KernelSources.read), so a program's source text is complete.

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#if VW == 1
typedef float floatv;
#define VLOAD(p) (*(p))
#define VSTORE(v, p) (*(p) = (v))
#else
typedef CAT(float, VW) floatv;
#define VLOAD(p) CAT(vload, VW)(0, (p))
#define VSTORE(v, p) CAT(vstore, VW)((v), 0, (p))
#endif
