// opbench's glue over the Arm Compute Library runtime functions (API of ACL 20.08, Debian 12).
// See opbench_acl.h for the contract. Every entry point catches C++ exceptions: nothing unwinds into the JVM.
#include "opbench_acl.h"

#include <arm_compute/core/CL/OpenCL.h>
#include <arm_compute/core/CPP/CPPTypes.h>
#include <arm_compute/core/Error.h>
#include <arm_compute/core/Types.h>
#include <arm_compute/core/Version.h>
#include <arm_compute/runtime/CL/CLFunctions.h>
#include <arm_compute/runtime/CL/CLScheduler.h>
#include <arm_compute/runtime/CL/CLTensor.h>
#include <arm_compute/runtime/CL/CLTuner.h>
#include <arm_compute/runtime/NEON/NEFunctions.h>
#include <arm_compute/runtime/Scheduler.h>
#include <arm_compute/runtime/Tensor.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <exception>
#include <memory>
#include <string>
#include <vector>

using namespace arm_compute;

namespace {

enum Role { SRC = 0, WEIGHTS = 1, BIAS = 2, DST = 3, ROLES = 4 };

// What a target brings: its tensor type and its function classes. NEON and OpenCL functions share their
// configure/validate signatures in ACL 20.08, so one template builds both.
struct Neon {
    using T = Tensor;
    using Conv = NEConvolutionLayer;
    using Gemm = NEGEMMConvolutionLayer;
    using Direct = NEDirectConvolutionLayer;
    using Winograd = NEWinogradConvolutionLayer;
    using Depthwise = NEDepthwiseConvolutionLayer;
    using Fft = NEFFTConvolutionLayer;
    using Fc = NEFullyConnectedLayer;
    using Pool = NEPoolingLayer;
    using Softmax = NESoftmaxLayer;
    static constexpr const char *prefix = "NE";
};

struct Ocl {
    using T = CLTensor;
    using Conv = CLConvolutionLayer;
    using Gemm = CLGEMMConvolutionLayer;
    using Direct = CLDirectConvolutionLayer;
    using Winograd = CLWinogradConvolutionLayer;
    using Depthwise = CLDepthwiseConvolutionLayer;
    using Fft = CLFFTConvolutionLayer;
    using Fc = CLFullyConnectedLayer;
    using Pool = CLPoolingLayer;
    using Softmax = CLSoftmaxLayer;
    static constexpr const char *prefix = "CL";
};

std::string g_cl_message;
bool g_cl_ready = false;
std::unique_ptr<CLTuner> g_tuner;
std::string g_tuning_file;

const char *method_name(ConvolutionMethod m) {
    switch (m) {
        case ConvolutionMethod::GEMM: return "GEMM";
        case ConvolutionMethod::DIRECT: return "DIRECT";
        case ConvolutionMethod::WINOGRAD: return "WINOGRAD";
        case ConvolutionMethod::FFT: return "FFT";
    }
    return "UNKNOWN";
}

} // namespace

struct opbench_acl_op {
    int target = -1;
    std::unique_ptr<IFunction> fn;
    Tensor ne[ROLES];
    CLTensor cl[ROLES];
    bool used[ROLES] = {false, false, false, false};
    bool allocated = false;
    bool prepared = false;
    // softmax keeps its tensor as [C, W, H, N] (NHWC in memory): ACL 20.08 reduces over dimension 0 only
    bool nhwc = false;
    int n = 0, c = 0, h = 0, w = 0;
    // the tensor types of opbench_acl_types (F32 by default) and, for QASYMM8, the quantisation
    int type = OPBENCH_ACL_F32;
    float src_scale = 0, dst_scale = 0;
    int src_zero = 0, dst_zero = 0;
    std::vector<float> wei_scales;
    std::string message;
    std::string impl;

    ITensor *tensor(int role) {
        return target == OPBENCH_ACL_CL ? static_cast<ITensor *>(&cl[role]) : static_cast<ITensor *>(&ne[role]);
    }

    int fail(int status, const std::string &why) {
        message = why.empty() ? std::string("(ACL gave no message)") : why;
        return status;
    }
};

namespace {

// The info of the tensor of a role, in the types opbench_acl_types chose.
TensorInfo info_for(const opbench_acl_op *op, int role, const TensorShape &shape) {
    switch (op->type) {
        case OPBENCH_ACL_F16:
            return TensorInfo(shape, 1, DataType::F16);
        case OPBENCH_ACL_QASYMM8:
            switch (role) {
                case SRC: return TensorInfo(shape, 1, DataType::QASYMM8, QuantizationInfo(op->src_scale, op->src_zero));
                case WEIGHTS: return TensorInfo(shape, 1, DataType::QSYMM8_PER_CHANNEL, QuantizationInfo(op->wei_scales));
                case BIAS: return TensorInfo(shape, 1, DataType::S32);
                default: return TensorInfo(shape, 1, DataType::QASYMM8, QuantizationInfo(op->dst_scale, op->dst_zero));
            }
        default:
            return TensorInfo(shape, 1, DataType::F32);
    }
}

template <typename B>
typename B::T *tensor(opbench_acl_op *op, int role) {
    if constexpr (std::is_same<B, Ocl>::value) {
        return &op->cl[role];
    } else {
        return &op->ne[role];
    }
}

template <typename B>
void init(opbench_acl_op *op, int role, const TensorShape &shape) {
    tensor<B>(op, role)->allocator()->init(info_for(op, role, shape));
    op->used[role] = true;
}

template <typename B>
void allocate(opbench_acl_op *op) {
    for (int r = 0; r < ROLES; r++) {
        if (op->used[r]) {
            tensor<B>(op, r)->allocator()->allocate();
        }
    }
    op->allocated = true;
}

// Visits every element of a tensor of up to 4 dimensions in dimension-0-fastest order, as rows of dimension 0
// (a row's first byte, its length in elements, its index).
template <typename F>
void for_rows(ITensor *t, F f) {
    const ITensorInfo *info = t->info();
    size_t d[4] = {1, 1, 1, 1};
    for (size_t i = 0; i < info->num_dimensions() && i < 4; i++) {
        d[i] = info->dimension(i);
    }
    const Strides &st = info->strides_in_bytes();
    uint8_t *base = t->buffer() + info->offset_first_element_in_bytes();
    size_t row = 0;
    for (size_t i3 = 0; i3 < d[3]; i3++) {
        for (size_t i2 = 0; i2 < d[2]; i2++) {
            for (size_t i1 = 0; i1 < d[1]; i1++) {
                uint8_t *p = base + i1 * (d[1] > 1 ? st[1] : 0) + i2 * (d[2] > 1 ? st[2] : 0)
                             + i3 * (d[3] > 1 ? st[3] : 0);
                f(p, d[0], row++);
            }
        }
    }
}

void map(opbench_acl_op *op, int role) {
    if (op->target == OPBENCH_ACL_CL) {
        op->cl[role].map(true);
    }
}

void unmap(opbench_acl_op *op, int role) {
    if (op->target == OPBENCH_ACL_CL) {
        op->cl[role].unmap();
        CLScheduler::get().sync();
    }
}

// NCHW (opbench) <-> NHWC, for softmax.
template <typename E>
void nchw_to_nhwc(const E *src, E *dst, int n, int c, int h, int w) {
    for (int in = 0; in < n; in++)
        for (int ic = 0; ic < c; ic++)
            for (int ih = 0; ih < h; ih++)
                for (int iw = 0; iw < w; iw++)
                    dst[((static_cast<size_t>(in) * h + ih) * w + iw) * c + ic] =
                            src[((static_cast<size_t>(in) * c + ic) * h + ih) * w + iw];
}

template <typename E>
void nhwc_to_nchw(const E *src, E *dst, int n, int c, int h, int w) {
    for (int in = 0; in < n; in++)
        for (int ic = 0; ic < c; ic++)
            for (int ih = 0; ih < h; ih++)
                for (int iw = 0; iw < w; iw++)
                    dst[((static_cast<size_t>(in) * c + ic) * h + ih) * w + iw] =
                            src[((static_cast<size_t>(in) * h + ih) * w + iw) * c + ic];
}

int refused(opbench_acl_op *op, const char *function, const Status &s) {
    return op->fail(OPBENCH_ACL_UNSUPPORTED, std::string(function) + "::validate: " + s.error_description());
}

// The method ConvolutionLayer picks (the two targets' get_convolution_method differ in their parameters).
template <typename B>
ConvolutionMethod method(const ITensorInfo *src, const ITensorInfo *wei, const ITensorInfo *dst, const PadStrideInfo &psi,
                         const Size2D &dilation, bool fast_math) {
    if constexpr (std::is_same<B, Ocl>::value) {
        return CLConvolutionLayer::get_convolution_method(src, wei, dst, psi, WeightsInfo(), ActivationLayerInfo(),
                                                          CLScheduler::get().target(), dilation, fast_math);
    } else {
        return NEConvolutionLayer::get_convolution_method(src, wei, dst, psi, WeightsInfo(), dilation,
                                                          ActivationLayerInfo(), fast_math);
    }
}

template <typename B>
int conv(opbench_acl_op *op, int algorithm, const int *d, bool fast_math) {
    const unsigned mb = d[0], ic = d[1], ih = d[2], iw = d[3], oc = d[4], oh = d[5], ow = d[6], kh = d[7], kw = d[8];
    const unsigned sh = d[9], sw = d[10], ph = d[11], pw = d[12], g = d[13], dh = d[14], dw = d[15];
    const unsigned pb = d[16], pr = d[17]; // bottom/right padding: benchdnn's asymmetric padding
    const bool depthwise = g > 1 && g == ic && oc % ic == 0;
    if (algorithm == OPBENCH_ACL_CONV_AUTO && depthwise) {
        algorithm = OPBENCH_ACL_CONV_DEPTHWISE;
    }
    if (algorithm == OPBENCH_ACL_CONV_DEPTHWISE && !depthwise) {
        return op->fail(OPBENCH_ACL_INVALID, "the depthwise function needs groups = ic (and oc a multiple of ic)");
    }
    init<B>(op, SRC, TensorShape(iw, ih, ic, mb));
    if (algorithm == OPBENCH_ACL_CONV_DEPTHWISE) {
        init<B>(op, WEIGHTS, TensorShape(kw, kh, oc));
    } else {
        init<B>(op, WEIGHTS, TensorShape(kw, kh, ic / g, oc));
    }
    init<B>(op, BIAS, TensorShape(oc));
    init<B>(op, DST, TensorShape(ow, oh, oc, mb));
    auto *src = tensor<B>(op, SRC);
    auto *wei = tensor<B>(op, WEIGHTS);
    auto *bia = tensor<B>(op, BIAS);
    auto *dst = tensor<B>(op, DST);
    const PadStrideInfo psi(sw, sh, pw, pr, ph, pb, DimensionRoundingType::FLOOR);
    const Size2D dilation(dw + 1, dh + 1);
    const ActivationLayerInfo none;
    const std::string p = B::prefix;
    Status s;
    switch (algorithm) {
        case OPBENCH_ACL_CONV_AUTO: {
            s = B::Conv::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, WeightsInfo(), dilation,
                                  none, fast_math, g);
            if (!bool(s)) return refused(op, (p + "ConvolutionLayer").c_str(), s);
            const ConvolutionMethod m = method<B>(src->info(), wei->info(), dst->info(), psi, dilation, fast_math);
            auto f = std::make_unique<typename B::Conv>();
            f->configure(src, wei, bia, dst, psi, WeightsInfo(), dilation, none, fast_math, g);
            op->fn = std::move(f);
            op->impl = p + "ConvolutionLayer:" + method_name(m);
            break;
        }
        case OPBENCH_ACL_CONV_GEMM: {
            s = B::Gemm::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, WeightsInfo(), dilation,
                                  none, g);
            if (!bool(s)) return refused(op, (p + "GEMMConvolutionLayer").c_str(), s);
            auto f = std::make_unique<typename B::Gemm>();
            f->configure(src, wei, bia, dst, psi, WeightsInfo(), dilation, none, g);
            op->fn = std::move(f);
            op->impl = p + "GEMMConvolutionLayer";
            break;
        }
        case OPBENCH_ACL_CONV_DIRECT: {
            if (dh != 0 || dw != 0 || g != 1) {
                return op->fail(OPBENCH_ACL_UNSUPPORTED, p + "DirectConvolutionLayer has no dilation and no groups");
            }
            s = B::Direct::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, none);
            if (!bool(s)) return refused(op, (p + "DirectConvolutionLayer").c_str(), s);
            auto f = std::make_unique<typename B::Direct>();
            f->configure(src, wei, bia, dst, psi, none);
            op->fn = std::move(f);
            op->impl = p + "DirectConvolutionLayer";
            break;
        }
        case OPBENCH_ACL_CONV_WINOGRAD: {
            if (dh != 0 || dw != 0 || g != 1) {
                return op->fail(OPBENCH_ACL_UNSUPPORTED, p + "WinogradConvolutionLayer has no dilation and no groups");
            }
            s = B::Winograd::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, none, fast_math);
            if (!bool(s)) return refused(op, (p + "WinogradConvolutionLayer").c_str(), s);
            auto f = std::make_unique<typename B::Winograd>();
            f->configure(src, wei, bia, dst, psi, none, fast_math);
            op->fn = std::move(f);
            op->impl = p + "WinogradConvolutionLayer";
            break;
        }
        case OPBENCH_ACL_CONV_DEPTHWISE: {
            const unsigned multiplier = oc / ic;
            s = B::Depthwise::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, multiplier, none,
                                       dilation);
            if (!bool(s)) return refused(op, (p + "DepthwiseConvolutionLayer").c_str(), s);
            auto f = std::make_unique<typename B::Depthwise>();
            f->configure(src, wei, bia, dst, psi, multiplier, none, dilation);
            op->fn = std::move(f);
            op->impl = p + "DepthwiseConvolutionLayer";
            break;
        }
        case OPBENCH_ACL_CONV_FFT: {
            if (dh != 0 || dw != 0 || g != 1) {
                return op->fail(OPBENCH_ACL_UNSUPPORTED, p + "FFTConvolutionLayer has no dilation and no groups");
            }
            s = B::Fft::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, none);
            if (!bool(s)) return refused(op, (p + "FFTConvolutionLayer").c_str(), s);
            auto f = std::make_unique<typename B::Fft>();
            f->configure(src, wei, bia, dst, psi, none);
            op->fn = std::move(f);
            op->impl = p + "FFTConvolutionLayer";
            break;
        }
        default:
            return op->fail(OPBENCH_ACL_INVALID, "unknown convolution algorithm " + std::to_string(algorithm));
    }
    allocate<B>(op);
    return OPBENCH_ACL_OK;
}

template <typename B>
int fc(opbench_acl_op *op, unsigned mb, unsigned ic, unsigned ih, unsigned iw, unsigned oc) {
    // a flat input is the "fully connected after fully connected" case, a spatial one "after convolution":
    // ACL flattens [W, H, C] in that order, which is opbench's C*H*W order
    if (ih * iw == 1) {
        init<B>(op, SRC, TensorShape(ic, mb));
    } else {
        init<B>(op, SRC, TensorShape(iw, ih, ic, mb));
    }
    init<B>(op, WEIGHTS, TensorShape(ic * ih * iw, oc)); // transposed by the function (transpose_weights)
    init<B>(op, BIAS, TensorShape(oc));
    init<B>(op, DST, TensorShape(oc, mb));
    FullyConnectedLayerInfo info;
    auto *src = tensor<B>(op, SRC);
    auto *wei = tensor<B>(op, WEIGHTS);
    auto *bia = tensor<B>(op, BIAS);
    auto *dst = tensor<B>(op, DST);
    const std::string name = std::string(B::prefix) + "FullyConnectedLayer";
    Status s = B::Fc::validate(src->info(), wei->info(), bia->info(), dst->info(), info);
    if (!bool(s)) return refused(op, name.c_str(), s);
    auto f = std::make_unique<typename B::Fc>();
    f->configure(src, wei, bia, dst, info);
    op->fn = std::move(f);
    op->impl = name;
    allocate<B>(op);
    return OPBENCH_ACL_OK;
}

template <typename B>
int fc_as_conv(opbench_acl_op *op, unsigned mb, unsigned ic, unsigned ih, unsigned iw, unsigned oc) {
    init<B>(op, SRC, TensorShape(iw, ih, ic, mb));
    init<B>(op, WEIGHTS, TensorShape(iw, ih, ic, oc));
    init<B>(op, BIAS, TensorShape(oc));
    init<B>(op, DST, TensorShape(1U, 1U, oc, mb));
    auto *src = tensor<B>(op, SRC);
    auto *wei = tensor<B>(op, WEIGHTS);
    auto *bia = tensor<B>(op, BIAS);
    auto *dst = tensor<B>(op, DST);
    const PadStrideInfo psi(1, 1, 0, 0);
    const std::string name = std::string(B::prefix) + "GEMMConvolutionLayer";
    Status s = B::Gemm::validate(src->info(), wei->info(), bia->info(), dst->info(), psi, WeightsInfo(), Size2D(1U, 1U),
                                 ActivationLayerInfo(), 1);
    if (!bool(s)) return refused(op, name.c_str(), s);
    auto f = std::make_unique<typename B::Gemm>();
    f->configure(src, wei, bia, dst, psi, WeightsInfo(), Size2D(1U, 1U), ActivationLayerInfo(), 1);
    op->fn = std::move(f);
    op->impl = name + " (fc as a " + std::to_string(ih) + "x" + std::to_string(iw) + " convolution)";
    allocate<B>(op);
    return OPBENCH_ACL_OK;
}

template <typename B>
int pool(opbench_acl_op *op, int kind, const int *d) {
    const unsigned mb = d[0], ic = d[1], ih = d[2], iw = d[3], oh = d[4], ow = d[5], kh = d[6], kw = d[7];
    const unsigned sh = d[8], sw = d[9], ph = d[10], pw = d[11];
    // bottom/right padding as opbench states it (PoolProblem.padBottom/padRight): a ceil-mode or asymmetric output
    // size pads those sides explicitly so that floor rounding gives the requested size
    const unsigned pb = d[12], pr = d[13];
    // a quantised pooling keeps the source's scale and zero point (ACL's pooling requires it)
    op->dst_scale = op->src_scale;
    op->dst_zero = op->src_zero;
    init<B>(op, SRC, TensorShape(iw, ih, ic, mb));
    init<B>(op, DST, TensorShape(ow, oh, ic, mb));
    const PadStrideInfo psi(sw, sh, pw, pr, ph, pb, DimensionRoundingType::FLOOR);
    PoolingType type = kind == OPBENCH_ACL_POOL_MAX ? PoolingType::MAX : PoolingType::AVG;
    PoolingLayerInfo info(type, Size2D(kw, kh), DataLayout::NCHW, psi, kind == OPBENCH_ACL_POOL_AVG_EXCLUDE_PAD);
    auto *src = tensor<B>(op, SRC);
    auto *dst = tensor<B>(op, DST);
    const std::string name = std::string(B::prefix) + "PoolingLayer";
    Status s = B::Pool::validate(src->info(), dst->info(), info);
    if (!bool(s)) return refused(op, name.c_str(), s);
    auto f = std::make_unique<typename B::Pool>();
    f->configure(src, dst, info);
    op->fn = std::move(f);
    op->impl = name;
    allocate<B>(op);
    return OPBENCH_ACL_OK;
}

template <typename B>
int softmax(opbench_acl_op *op, unsigned n, unsigned c, unsigned h, unsigned w) {
    op->nhwc = true;
    op->n = n;
    op->c = c;
    op->h = h;
    op->w = w;
    init<B>(op, SRC, TensorShape(c, w, h, n));
    init<B>(op, DST, TensorShape(c, w, h, n));
    auto *src = tensor<B>(op, SRC);
    auto *dst = tensor<B>(op, DST);
    const std::string name = std::string(B::prefix) + "SoftmaxLayer";
    Status s = B::Softmax::validate(src->info(), dst->info(), 1.0f, 0);
    if (!bool(s)) return refused(op, name.c_str(), s);
    auto f = std::make_unique<typename B::Softmax>();
    f->configure(src, dst, 1.0f, 0);
    op->fn = std::move(f);
    op->impl = name + (h * w > 1 ? " (channels innermost)" : "");
    allocate<B>(op);
    return OPBENCH_ACL_OK;
}

// Runs body for the op's target, turning exceptions into ERROR.
template <typename F>
int guarded(opbench_acl_op *op, F body) {
    if (op == nullptr) {
        return OPBENCH_ACL_INVALID;
    }
    try {
        op->message.clear();
        return body();
    } catch (const std::exception &e) {
        return op->fail(OPBENCH_ACL_ERROR, e.what());
    } catch (...) {
        return op->fail(OPBENCH_ACL_ERROR, "unknown C++ exception");
    }
}

int start(opbench_acl_op *op, int target) {
    if (op->fn) {
        return op->fail(OPBENCH_ACL_INVALID, "this op is already configured");
    }
    if (target == OPBENCH_ACL_CL && !g_cl_ready) {
        return op->fail(OPBENCH_ACL_INVALID, "OpenCL is not initialised (opbench_acl_cl_init)");
    }
    if (target != OPBENCH_ACL_NEON && target != OPBENCH_ACL_CL) {
        return op->fail(OPBENCH_ACL_INVALID, "unknown target " + std::to_string(target));
    }
    op->target = target;
    return OPBENCH_ACL_OK;
}

size_t elements(ITensor *t) {
    return t->info()->tensor_shape().total_size();
}

const char *type_name(DataType t) {
    switch (t) {
        case DataType::F32: return "F32";
        case DataType::F16: return "F16";
        case DataType::QASYMM8: return "QASYMM8";
        case DataType::QSYMM8_PER_CHANNEL: return "QSYMM8_PER_CHANNEL";
        case DataType::S32: return "S32";
        default: return "another type";
    }
}

// Copies n elements of type E in opbench's layout into the tensor of a role, each row written by
// write(row, from, len), after checking the count and that the tensor's type is one of `types`.
template <typename E, typename W>
int put(opbench_acl_op *op, int role, const E *data, long n, std::initializer_list<DataType> types, const char *what,
        W write) {
    if (!op->allocated || role < 0 || role >= DST || !op->used[role]) {
        return op->fail(OPBENCH_ACL_INVALID, "no such tensor to fill: role " + std::to_string(role));
    }
    ITensor *t = op->tensor(role);
    const DataType dt = t->info()->data_type();
    if (std::find(types.begin(), types.end(), dt) == types.end()) {
        return op->fail(OPBENCH_ACL_INVALID, std::string(what) + ": the tensor of role " + std::to_string(role)
                                             + " is " + type_name(dt));
    }
    if (n < 0 || static_cast<size_t>(n) != elements(t)) {
        return op->fail(OPBENCH_ACL_INVALID, std::string(what) + ": " + std::to_string(n)
                                             + " values for a tensor of " + std::to_string(elements(t)));
    }
    std::vector<E> reordered;
    const E *from = data;
    if (op->nhwc) {
        reordered.resize(static_cast<size_t>(n));
        nchw_to_nhwc(data, reordered.data(), op->n, op->c, op->h, op->w);
        from = reordered.data();
    }
    map(op, role);
    for_rows(t, [&](uint8_t *row, size_t len, size_t index) { write(row, from + index * len, len); });
    unmap(op, role);
    op->prepared = false;
    return OPBENCH_ACL_OK;
}

// Copies the destination's n elements into out (type E, opbench's layout), each row read by read(to, row, len).
template <typename E, typename R>
int get(opbench_acl_op *op, E *out, long n, std::initializer_list<DataType> types, const char *what, R read) {
    if (!op->allocated) return op->fail(OPBENCH_ACL_INVALID, "read before configure");
    ITensor *t = op->tensor(DST);
    const DataType dt = t->info()->data_type();
    if (std::find(types.begin(), types.end(), dt) == types.end()) {
        return op->fail(OPBENCH_ACL_INVALID, std::string(what) + ": the output is " + type_name(dt));
    }
    if (n < 0 || static_cast<size_t>(n) != elements(t)) {
        return op->fail(OPBENCH_ACL_INVALID, std::string(what) + ": room for " + std::to_string(n)
                                             + " values, output has " + std::to_string(elements(t)));
    }
    std::vector<E> nhwc;
    E *to = out;
    if (op->nhwc) {
        nhwc.resize(static_cast<size_t>(n));
        to = nhwc.data();
    }
    map(op, DST);
    for_rows(t, [&](uint8_t *row, size_t len, size_t index) { read(to + index * len, row, len); });
    unmap(op, DST);
    if (op->nhwc) {
        nhwc_to_nchw(nhwc.data(), out, op->n, op->c, op->h, op->w);
    }
    return OPBENCH_ACL_OK;
}

} // namespace

extern "C" {

const char *opbench_acl_build_info(void) {
    static std::string info;
    try {
        info = build_information();
    } catch (...) {
        info = "";
    }
    return info.c_str();
}

const char *opbench_acl_cpu_info(void) {
    static std::string info;
    try {
        const CPUInfo &ci = Scheduler::get().cpu_info();
        info = cpu_model_to_string(ci.get_cpu_model()) + " fp16=" + (ci.has_fp16() ? "1" : "0")
               + " dot=" + (ci.has_dotprod() ? "1" : "0") + " cpus=" + std::to_string(ci.get_cpu_num());
    } catch (const std::exception &e) {
        info = std::string("unknown (") + e.what() + ")";
    }
    return info.c_str();
}

int opbench_acl_set_threads(int threads) {
    try {
        Scheduler::get().set_num_threads(threads > 0 ? static_cast<unsigned>(threads) : 0U);
        return static_cast<int>(Scheduler::get().num_threads());
    } catch (...) {
        return -1;
    }
}

int opbench_acl_threads(void) {
    try {
        return static_cast<int>(Scheduler::get().num_threads());
    } catch (...) {
        return -1;
    }
}

int opbench_acl_cl_init(int tuner_mode, const char *tuning_file) {
    try {
        g_cl_message.clear();
        if (!g_cl_ready) {
            if (!opencl_is_available()) {
                g_cl_message = "no OpenCL library could be loaded (ACL looks for libOpenCL.so, libGLES_mali.so and libmali.so)";
                return OPBENCH_ACL_UNSUPPORTED;
            }
            g_tuner = std::make_unique<CLTuner>(false);
            CLScheduler::get().default_init(g_tuner.get());
            g_cl_ready = true;
        }
        const std::string file = tuning_file == nullptr ? "" : tuning_file;
        if (!file.empty() && file != g_tuning_file) {
            FILE *f = std::fopen(file.c_str(), "r");
            if (f != nullptr) {
                std::fclose(f);
                g_tuner->load_from_file(file);
            }
        }
        g_tuning_file = file;
        switch (tuner_mode) {
            case OPBENCH_ACL_TUNER_NONE: g_tuner->set_tune_new_kernels(false); break;
            case OPBENCH_ACL_TUNER_RAPID: g_tuner->set_tune_new_kernels(true); g_tuner->set_tuner_mode(CLTunerMode::RAPID); break;
            case OPBENCH_ACL_TUNER_NORMAL: g_tuner->set_tune_new_kernels(true); g_tuner->set_tuner_mode(CLTunerMode::NORMAL); break;
            case OPBENCH_ACL_TUNER_EXHAUSTIVE: g_tuner->set_tune_new_kernels(true); g_tuner->set_tuner_mode(CLTunerMode::EXHAUSTIVE); break;
            default:
                g_cl_message = "unknown tuner mode " + std::to_string(tuner_mode);
                return OPBENCH_ACL_INVALID;
        }
        return OPBENCH_ACL_OK;
    } catch (const std::exception &e) {
        g_cl_message = e.what();
        return OPBENCH_ACL_ERROR;
    } catch (...) {
        g_cl_message = "unknown C++ exception";
        return OPBENCH_ACL_ERROR;
    }
}

const char *opbench_acl_cl_message(void) {
    return g_cl_message.c_str();
}

int opbench_acl_cl_save_tuning(void) {
    try {
        if (g_cl_ready && g_tuner && !g_tuning_file.empty()) {
            g_tuner->save_to_file(g_tuning_file);
        }
        return OPBENCH_ACL_OK;
    } catch (const std::exception &e) {
        g_cl_message = e.what();
        return OPBENCH_ACL_ERROR;
    }
}

opbench_acl_op *opbench_acl_op_new(void) {
    try {
        return new opbench_acl_op();
    } catch (...) {
        return nullptr;
    }
}

void opbench_acl_op_delete(opbench_acl_op *op) {
    try {
        if (op != nullptr && op->target == OPBENCH_ACL_CL && g_cl_ready) {
            CLScheduler::get().sync();
        }
        delete op;
    } catch (...) {
        // nothing can be reported from a destructor path
    }
}

const char *opbench_acl_message(const opbench_acl_op *op) {
    return op == nullptr ? "null op" : op->message.c_str();
}

const char *opbench_acl_impl(const opbench_acl_op *op) {
    return op == nullptr ? "" : op->impl.c_str();
}

int opbench_acl_conv(opbench_acl_op *op, int target, int algorithm, const int *dims, int fast_math) {
    return guarded(op, [&] {
        int s = start(op, target);
        if (s != OPBENCH_ACL_OK) return s;
        return target == OPBENCH_ACL_CL ? conv<Ocl>(op, algorithm, dims, fast_math != 0)
                                        : conv<Neon>(op, algorithm, dims, fast_math != 0);
    });
}

int opbench_acl_fc(opbench_acl_op *op, int target, int mb, int ic, int ih, int iw, int oc) {
    return guarded(op, [&] {
        int s = start(op, target);
        if (s != OPBENCH_ACL_OK) return s;
        return target == OPBENCH_ACL_CL ? fc<Ocl>(op, mb, ic, ih, iw, oc) : fc<Neon>(op, mb, ic, ih, iw, oc);
    });
}

int opbench_acl_fc_as_conv(opbench_acl_op *op, int target, int mb, int ic, int ih, int iw, int oc) {
    return guarded(op, [&] {
        int s = start(op, target);
        if (s != OPBENCH_ACL_OK) return s;
        return target == OPBENCH_ACL_CL ? fc_as_conv<Ocl>(op, mb, ic, ih, iw, oc) : fc_as_conv<Neon>(op, mb, ic, ih, iw, oc);
    });
}

int opbench_acl_pool(opbench_acl_op *op, int target, int kind, const int *dims) {
    return guarded(op, [&] {
        int s = start(op, target);
        if (s != OPBENCH_ACL_OK) return s;
        return target == OPBENCH_ACL_CL ? pool<Ocl>(op, kind, dims) : pool<Neon>(op, kind, dims);
    });
}

int opbench_acl_softmax(opbench_acl_op *op, int target, int mb, int c, int h, int w) {
    return guarded(op, [&] {
        int s = start(op, target);
        if (s != OPBENCH_ACL_OK) return s;
        return target == OPBENCH_ACL_CL ? softmax<Ocl>(op, mb, c, h, w) : softmax<Neon>(op, mb, c, h, w);
    });
}

int opbench_acl_types(opbench_acl_op *op, int type, float src_scale, int src_zero, const float *wei_scales,
                      int n_scales, float dst_scale, int dst_zero) {
    return guarded(op, [&] {
        if (op->fn) return op->fail(OPBENCH_ACL_INVALID, "types after configure");
        if (type != OPBENCH_ACL_F32 && type != OPBENCH_ACL_F16 && type != OPBENCH_ACL_QASYMM8) {
            return op->fail(OPBENCH_ACL_INVALID, "unknown tensor type " + std::to_string(type));
        }
        if (type == OPBENCH_ACL_QASYMM8 && (n_scales < 0 || (n_scales > 0 && wei_scales == nullptr))) {
            return op->fail(OPBENCH_ACL_INVALID, "QASYMM8: no weight scales");
        }
        op->type = type;
        op->src_scale = src_scale;
        op->src_zero = src_zero;
        op->dst_scale = dst_scale;
        op->dst_zero = dst_zero;
        op->wei_scales.assign(wei_scales, wei_scales + (type == OPBENCH_ACL_QASYMM8 ? n_scales : 0));
        return OPBENCH_ACL_OK;
    });
}

int opbench_acl_fill(opbench_acl_op *op, int role, const float *data, long n) {
    return guarded(op, [&] {
        const bool half = op->allocated && role >= 0 && role < DST && op->tensor(role)->info()->data_type() == DataType::F16;
        return put(op, role, data, n, {DataType::F32, DataType::F16}, "fill",
                   [&](uint8_t *row, const float *from, size_t len) {
                       if (half) {
                           __fp16 *h = reinterpret_cast<__fp16 *>(row);
                           for (size_t i = 0; i < len; i++) h[i] = static_cast<__fp16>(from[i]);
                       } else {
                           std::memcpy(row, from, len * sizeof(float));
                       }
                   });
    });
}

int opbench_acl_fill_levels(opbench_acl_op *op, int role, const signed char *data, long n) {
    return guarded(op, [&] {
        return put(op, role, data, n, {DataType::QASYMM8, DataType::QSYMM8_PER_CHANNEL}, "fill levels",
                   [](uint8_t *row, const signed char *from, size_t len) { std::memcpy(row, from, len); });
    });
}

int opbench_acl_fill_s32(opbench_acl_op *op, int role, const int *data, long n) {
    return guarded(op, [&] {
        return put(op, role, data, n, {DataType::S32}, "fill s32",
                   [](uint8_t *row, const int *from, size_t len) { std::memcpy(row, from, len * sizeof(int)); });
    });
}

int opbench_acl_prepare(opbench_acl_op *op) {
    return guarded(op, [&] {
        if (!op->fn) return op->fail(OPBENCH_ACL_INVALID, "prepare before configure");
        op->fn->prepare();
        if (op->target == OPBENCH_ACL_CL) CLScheduler::get().sync();
        op->prepared = true;
        return OPBENCH_ACL_OK;
    });
}

int opbench_acl_run(opbench_acl_op *op) {
    return guarded(op, [&] {
        if (!op->fn) return op->fail(OPBENCH_ACL_INVALID, "run before configure");
        op->fn->run();
        if (op->target == OPBENCH_ACL_CL) CLScheduler::get().sync();
        return OPBENCH_ACL_OK;
    });
}

int opbench_acl_read(opbench_acl_op *op, float *out, long n) {
    return guarded(op, [&] {
        const bool half = op->allocated && op->tensor(DST)->info()->data_type() == DataType::F16;
        return get(op, out, n, {DataType::F32, DataType::F16}, "read", [&](float *to, const uint8_t *row, size_t len) {
            if (half) {
                const __fp16 *h = reinterpret_cast<const __fp16 *>(row);
                for (size_t i = 0; i < len; i++) to[i] = static_cast<float>(h[i]);
            } else {
                std::memcpy(to, row, len * sizeof(float));
            }
        });
    });
}

int opbench_acl_read_levels(opbench_acl_op *op, signed char *out, long n) {
    return guarded(op, [&] {
        return get(op, out, n, {DataType::QASYMM8}, "read levels",
                   [](signed char *to, const uint8_t *row, size_t len) { std::memcpy(to, row, len); });
    });
}

} // extern "C"
