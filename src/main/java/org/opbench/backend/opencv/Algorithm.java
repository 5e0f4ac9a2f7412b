package org.opbench.backend.opencv;

import java.util.ArrayList;
import java.util.List;
import org.opbench.problem.Op;

/**
 * The algorithms the opencv backend defines. For every operator: {@link #AUTO} (OpenCV's own choice on the CPU
 * target) and {@link #OCL} (OpenCV's OpenCL target, only on a GPU OpenCL device). For convolutions also
 * {@link #WINOGRAD} (Winograd enabled, refused for problems OpenCV would not run with Winograd) and
 * {@link #DIRECT} ({@code Net.enableWinograd(false)}: OpenCV's non-Winograd kernels).
 */
enum Algorithm {
    /** OpenCV's default: CPU target, Winograd enabled where OpenCV applies it. */
    AUTO("auto"),
    /** Winograd F(6x6, 3x3) required. */
    WINOGRAD("winograd"),
    /** Winograd disabled. */
    DIRECT("direct"),
    /** {@code DNN_TARGET_OPENCL}. */
    OCL("ocl");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Names for {@code op}, default first. */
    static List<String> names(Op op) {
        List<String> names = new ArrayList<>();
        for (Algorithm a : forOp(op)) {
            names.add(a.id);
        }
        return List.copyOf(names);
    }

    /** The algorithm called {@code name} for {@code op}, or null. */
    static Algorithm parse(Op op, String name) {
        for (Algorithm a : forOp(op)) {
            if (a.id.equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static List<Algorithm> forOp(Op op) {
        return op == Op.CONV ? List.of(AUTO, WINOGRAD, DIRECT, OCL) : List.of(AUTO, OCL);
    }
}
