package org.opbench.backend.acl;

import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP binding of {@code native/acl/opbench_acl.h}: one static method per C function, compiled by JavaCPP's
 * {@code Builder} into {@code libjniAclNative.so} for linux-arm64 only (the {@code acl-native} Maven profile; the
 * glue source {@code native/acl/opbench_acl.cpp} is compiled into the same library). Handles are {@code long}s
 * holding an {@code opbench_acl_op*}. Nothing here loads anything: {@link AclLibrary} calls
 * {@code Loader.load(AclNative.class)}.
 *
 * <p>Status codes and constants mirror the header; {@link AclStatus} turns the codes into exceptions.
 */
@Platform(value = "linux-arm64", compiler = "cpp17", include = "opbench_acl.h",
        link = {"arm_compute@.20", "arm_compute_core@.20"})
public final class AclNative {
    public static final int OK = 0;
    public static final int UNSUPPORTED = 1;
    public static final int ERROR = 2;
    public static final int INVALID = 3;

    public static final int NEON = 0;
    public static final int CL = 1;

    public static final int CONV_AUTO = 0;
    public static final int CONV_GEMM = 1;
    public static final int CONV_DIRECT = 2;
    public static final int CONV_WINOGRAD = 3;
    public static final int CONV_DEPTHWISE = 4;
    public static final int CONV_FFT = 5;

    public static final int POOL_MAX = 0;
    public static final int POOL_AVG_EXCLUDE_PAD = 1;
    public static final int POOL_AVG_INCLUDE_PAD = 2;

    public static final int SRC = 0;
    public static final int WEIGHTS = 1;
    public static final int BIAS = 2;

    public static final int F32 = 0;
    public static final int F16 = 1;
    public static final int QASYMM8 = 2;

    public static final int TUNER_NONE = 0;
    public static final int TUNER_RAPID = 1;
    public static final int TUNER_NORMAL = 2;
    public static final int TUNER_EXHAUSTIVE = 3;

    private AclNative() {
    }

    public static native @Cast("const char*") String opbench_acl_build_info();

    public static native @Cast("const char*") String opbench_acl_cpu_info();

    public static native int opbench_acl_set_threads(int threads);

    public static native int opbench_acl_threads();

    public static native int opbench_acl_cl_init(int tunerMode, String tuningFile);

    public static native @Cast("const char*") String opbench_acl_cl_message();

    public static native int opbench_acl_cl_save_tuning();

    public static native @Cast("opbench_acl_op*") long opbench_acl_op_new();

    public static native void opbench_acl_op_delete(@Cast("opbench_acl_op*") long op);

    public static native @Cast("const char*") String opbench_acl_message(@Cast("const opbench_acl_op*") long op);

    public static native @Cast("const char*") String opbench_acl_impl(@Cast("const opbench_acl_op*") long op);

    public static native int opbench_acl_types(@Cast("opbench_acl_op*") long op, int type, float srcScale,
                                               int srcZero, @Cast("const float*") float[] weiScales, int nScales,
                                               float dstScale, int dstZero);

    public static native int opbench_acl_conv(@Cast("opbench_acl_op*") long op, int target, int algorithm,
                                              @Cast("const int*") int[] dims, int fastMath);

    public static native int opbench_acl_fc(@Cast("opbench_acl_op*") long op, int target, int mb, int ic, int ih,
                                            int iw, int oc);

    public static native int opbench_acl_fc_as_conv(@Cast("opbench_acl_op*") long op, int target, int mb, int ic,
                                                    int ih, int iw, int oc);

    public static native int opbench_acl_pool(@Cast("opbench_acl_op*") long op, int target, int kind,
                                              @Cast("const int*") int[] dims);

    public static native int opbench_acl_softmax(@Cast("opbench_acl_op*") long op, int target, int mb, int c, int h,
                                                 int w);

    public static native int opbench_acl_fill(@Cast("opbench_acl_op*") long op, int role,
                                              @Cast("const float*") float[] data, long n);

    public static native int opbench_acl_fill_levels(@Cast("opbench_acl_op*") long op, int role,
                                                     @Cast("const signed char*") byte[] data, long n);

    public static native int opbench_acl_fill_s32(@Cast("opbench_acl_op*") long op, int role,
                                                  @Cast("const int*") int[] data, long n);

    public static native int opbench_acl_prepare(@Cast("opbench_acl_op*") long op);

    public static native int opbench_acl_run(@Cast("opbench_acl_op*") long op);

    public static native int opbench_acl_read(@Cast("opbench_acl_op*") long op, float[] out, long n);

    public static native int opbench_acl_read_levels(@Cast("opbench_acl_op*") long op,
                                                     @Cast("signed char*") byte[] out, long n);
}
