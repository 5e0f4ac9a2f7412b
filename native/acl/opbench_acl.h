/*
 * opbench's C-style glue over the Arm Compute Library (ACL) runtime functions, written against the API of
 * Debian 12's libarm-compute-dev (ACL 20.08). Java reaches it through the JavaCPP class
 * org.opbench.backend.acl.AclNative; nothing here knows about Java.
 *
 * One opbench_acl_op holds one configured ACL function with its tensors. Tensors are F32 unless
 * opbench_acl_types chose F16 or QASYMM8 before the function was configured. Shapes follow
 * opbench's canonical layouts: source NCHW, weights OIHW (I = ic / groups), bias per output channel, output
 * NCHW (fully connected: N x OC). Functions return a status code; the op keeps the library's message.
 */
#ifndef OPBENCH_ACL_H
#define OPBENCH_ACL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. UNSUPPORTED: the ACL function's validate() refused the configuration (ACL has no
 * implementation for it). ERROR: ACL threw while configuring or running. INVALID: a bad argument
 * from the caller (wrong buffer length, unknown algorithm, call out of order). */
#define OPBENCH_ACL_OK 0
#define OPBENCH_ACL_UNSUPPORTED 1
#define OPBENCH_ACL_ERROR 2
#define OPBENCH_ACL_INVALID 3

/* Where the function runs. */
#define OPBENCH_ACL_NEON 0
#define OPBENCH_ACL_CL 1

/* Convolution algorithms: AUTO lets NEConvolutionLayer/CLConvolutionLayer choose (depthwise problems go to the
 * depthwise function, as ACL's graph API does); the others name one ACL function each. */
#define OPBENCH_ACL_CONV_AUTO 0
#define OPBENCH_ACL_CONV_GEMM 1
#define OPBENCH_ACL_CONV_DIRECT 2
#define OPBENCH_ACL_CONV_WINOGRAD 3
#define OPBENCH_ACL_CONV_DEPTHWISE 4
#define OPBENCH_ACL_CONV_FFT 5

/* Pooling kinds. */
#define OPBENCH_ACL_POOL_MAX 0
#define OPBENCH_ACL_POOL_AVG_EXCLUDE_PAD 1
#define OPBENCH_ACL_POOL_AVG_INCLUDE_PAD 2

/* Tensor roles for opbench_acl_fill. */
#define OPBENCH_ACL_SRC 0
#define OPBENCH_ACL_WEIGHTS 1
#define OPBENCH_ACL_BIAS 2

/* Tensor types (opbench's precisions), for opbench_acl_types. */
#define OPBENCH_ACL_F32 0
#define OPBENCH_ACL_F16 1
#define OPBENCH_ACL_QASYMM8 2

/* CLTuner modes. */
#define OPBENCH_ACL_TUNER_NONE 0
#define OPBENCH_ACL_TUNER_RAPID 1
#define OPBENCH_ACL_TUNER_NORMAL 2
#define OPBENCH_ACL_TUNER_EXHAUSTIVE 3

typedef struct opbench_acl_op opbench_acl_op;

/* ACL's build_information() string (version and build options). */
const char *opbench_acl_build_info(void);
/* The CPU ACL detected: model name, fp16 and dot-product support, e.g. "GENERIC fp16=0 dot=0". */
const char *opbench_acl_cpu_info(void);
/* Sets the NEON scheduler's thread count; returns the count in effect afterwards. */
int opbench_acl_set_threads(int threads);
int opbench_acl_threads(void);

/* Initialises OpenCL (CLScheduler::default_init) with a CLTuner in the given mode, loading and later saving
 * tuning_file when it is not empty. Returns a status; the message is in opbench_acl_cl_message(). Idempotent for
 * the same mode; a different mode re-initialises the scheduler's tuner. */
int opbench_acl_cl_init(int tuner_mode, const char *tuning_file);
const char *opbench_acl_cl_message(void);
/* Writes the tuner's table to the tuning file given to opbench_acl_cl_init (no-op without one). */
int opbench_acl_cl_save_tuning(void);

opbench_acl_op *opbench_acl_op_new(void);
void opbench_acl_op_delete(opbench_acl_op *op);
/* The last message (empty when the last call succeeded) and the implementation's name. */
const char *opbench_acl_message(const opbench_acl_op *op);
const char *opbench_acl_impl(const opbench_acl_op *op);

/* The tensor types the next configure call (conv, fc, pool, softmax) gives its tensors; without this call, F32.
 * F16: every tensor F16. QASYMM8: source QASYMM8 (src_scale, src_zero), weights QSYMM8_PER_CHANNEL (n_scales
 * scales, one per output channel), bias S32 (on the grid src_scale x wei_scales[oc]), destination QASYMM8
 * (dst_scale, dst_zero); pooling's destination takes the source's scale and zero point. */
int opbench_acl_types(opbench_acl_op *op, int type, float src_scale, int src_zero, const float *wei_scales,
                      int n_scales, float dst_scale, int dst_zero);

/* dims: mb ic ih iw oc oh ow kh kw sh sw ph pw g dh dw pb pr (dh, dw: benchdnn dilation, 0 = dense; pb, pr:
   bottom/right padding, ph, pw being top/left). */
int opbench_acl_conv(opbench_acl_op *op, int target, int algorithm, const int *dims, int fast_math);
int opbench_acl_fc(opbench_acl_op *op, int target, int mb, int ic, int ih, int iw, int oc);
/* The same fully connected layer computed by the GEMM convolution function (NEGEMMConvolutionLayer) as a convolution
 * whose kernel covers the ih x iw input (1x1 output): opbench's fc weights OC x (C*H*W) are OIHW conv weights. It
 * takes per-channel QSYMM8 weights, which the fully connected function refuses. */
int opbench_acl_fc_as_conv(opbench_acl_op *op, int target, int mb, int ic, int ih, int iw, int oc);
/* dims: mb ic ih iw oh ow kh kw sh sw ph pw pb pr (pb, pr: bottom/right padding; oh/ow may be ceil-mode values). */
int opbench_acl_pool(opbench_acl_op *op, int target, int kind, const int *dims);
/* Softmax over C of an N x C x H x W tensor. */
int opbench_acl_softmax(opbench_acl_op *op, int target, int mb, int c, int h, int w);

/* Copies n floats in opbench's layout into the tensor of the given role (an F16 tensor: converted, round to
 * nearest even; INVALID for a quantised tensor). */
int opbench_acl_fill(opbench_acl_op *op, int role, const float *data, long n);
/* Copies n 8-bit levels (QASYMM8: unsigned, QSYMM8_PER_CHANNEL: signed, as bytes) into a quantised tensor. */
int opbench_acl_fill_levels(opbench_acl_op *op, int role, const signed char *data, long n);
/* Copies n int32 values into an S32 tensor (the quantised bias). */
int opbench_acl_fill_s32(opbench_acl_op *op, int role, const int *data, long n);
/* Runs the function's one-time preparation (weight reshapes), after the weights are filled. */
int opbench_acl_prepare(opbench_acl_op *op);
/* One run, synchronised (OpenCL: the queue is finished). */
int opbench_acl_run(opbench_acl_op *op);
/* Copies the output (n floats) in opbench's layout (an F16 output converted; INVALID for a quantised one). */
int opbench_acl_read(opbench_acl_op *op, float *out, long n);
/* Copies a QASYMM8 output's n levels (unsigned, as bytes) in opbench's layout. */
int opbench_acl_read_levels(opbench_acl_op *op, signed char *out, long n);

#ifdef __cplusplus
}
#endif
#endif
