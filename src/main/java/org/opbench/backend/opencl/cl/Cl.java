package org.opbench.backend.opencl.cl;

import java.util.Map;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * The one place where OpenCL status codes become names and exceptions. Callers decide by the code
 * ({@link ClException#status()}), never by message text.
 */
public final class Cl {
    public static final int SUCCESS = 0;
    public static final int DEVICE_NOT_FOUND = -1;
    public static final int MEM_OBJECT_ALLOCATION_FAILURE = -4;
    public static final int OUT_OF_RESOURCES = -5;
    public static final int OUT_OF_HOST_MEMORY = -6;
    public static final int BUILD_PROGRAM_FAILURE = -11;
    public static final int INVALID_BINARY = -42;
    public static final int INVALID_WORK_GROUP_SIZE = -54;
    public static final int INVALID_WORK_ITEM_SIZE = -55;
    public static final int INVALID_BUFFER_SIZE = -61;
    public static final int PLATFORM_NOT_FOUND_KHR = -1001;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "CL_SUCCESS"),
            Map.entry(-1, "CL_DEVICE_NOT_FOUND"),
            Map.entry(-2, "CL_DEVICE_NOT_AVAILABLE"),
            Map.entry(-3, "CL_COMPILER_NOT_AVAILABLE"),
            Map.entry(-4, "CL_MEM_OBJECT_ALLOCATION_FAILURE"),
            Map.entry(-5, "CL_OUT_OF_RESOURCES"),
            Map.entry(-6, "CL_OUT_OF_HOST_MEMORY"),
            Map.entry(-7, "CL_PROFILING_INFO_NOT_AVAILABLE"),
            Map.entry(-11, "CL_BUILD_PROGRAM_FAILURE"),
            Map.entry(-14, "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST"),
            Map.entry(-30, "CL_INVALID_VALUE"),
            Map.entry(-31, "CL_INVALID_DEVICE_TYPE"),
            Map.entry(-32, "CL_INVALID_PLATFORM"),
            Map.entry(-33, "CL_INVALID_DEVICE"),
            Map.entry(-34, "CL_INVALID_CONTEXT"),
            Map.entry(-35, "CL_INVALID_QUEUE_PROPERTIES"),
            Map.entry(-36, "CL_INVALID_COMMAND_QUEUE"),
            Map.entry(-38, "CL_INVALID_MEM_OBJECT"),
            Map.entry(-42, "CL_INVALID_BINARY"),
            Map.entry(-43, "CL_INVALID_BUILD_OPTIONS"),
            Map.entry(-44, "CL_INVALID_PROGRAM"),
            Map.entry(-45, "CL_INVALID_PROGRAM_EXECUTABLE"),
            Map.entry(-46, "CL_INVALID_KERNEL_NAME"),
            Map.entry(-48, "CL_INVALID_KERNEL"),
            Map.entry(-49, "CL_INVALID_ARG_INDEX"),
            Map.entry(-50, "CL_INVALID_ARG_VALUE"),
            Map.entry(-51, "CL_INVALID_ARG_SIZE"),
            Map.entry(-52, "CL_INVALID_KERNEL_ARGS"),
            Map.entry(-53, "CL_INVALID_WORK_DIMENSION"),
            Map.entry(-54, "CL_INVALID_WORK_GROUP_SIZE"),
            Map.entry(-55, "CL_INVALID_WORK_ITEM_SIZE"),
            Map.entry(-56, "CL_INVALID_GLOBAL_OFFSET"),
            Map.entry(-57, "CL_INVALID_EVENT_WAIT_LIST"),
            Map.entry(-58, "CL_INVALID_EVENT"),
            Map.entry(-59, "CL_INVALID_OPERATION"),
            Map.entry(-61, "CL_INVALID_BUFFER_SIZE"),
            Map.entry(-63, "CL_INVALID_GLOBAL_WORK_SIZE"),
            Map.entry(-64, "CL_INVALID_PROPERTY"),
            Map.entry(-1001, "CL_PLATFORM_NOT_FOUND_KHR"));

    private Cl() {
    }

    /** The {@code CL_*} name of a status code, or the number when unknown. */
    public static String name(int status) {
        String n = NAMES.get(status);
        return n != null ? n : "CL status " + status;
    }

    /** Throws {@link ClException} naming {@code call} when {@code status} is not {@code CL_SUCCESS}. */
    public static void check(int status, String call) throws ClException {
        if (status != SUCCESS) {
            throw new ClException(status, call + " failed: " + name(status) + " (" + status + ")");
        }
    }

    /**
     * Whether a launch failure with this status means "this local size is not valid for this kernel on this
     * device" (the tuner skips such candidates) rather than a broken setup.
     */
    public static boolean isInvalidLaunchConfig(int status) {
        return status == INVALID_WORK_GROUP_SIZE || status == INVALID_WORK_ITEM_SIZE || status == OUT_OF_RESOURCES;
    }

    /**
     * The exception a caller of the backend sees: a failure to allocate (the problem does not fit the device's
     * memory or its CL_DEVICE_MAX_MEM_ALLOC_SIZE) becomes {@link UnsupportedException} carrying the status;
     * anything else stays a {@link ClException}.
     */
    public static BackendException classify(ClException e) {
        if (isAllocationFailure(e.status())) {
            return new UnsupportedException("the device cannot hold this problem: " + e.getMessage());
        }
        return e;
    }

    /** Whether an allocation failed because the device has not enough memory or the size exceeds its limits. */
    public static boolean isAllocationFailure(int status) {
        return status == MEM_OBJECT_ALLOCATION_FAILURE || status == OUT_OF_RESOURCES || status == OUT_OF_HOST_MEMORY
                || status == INVALID_BUFFER_SIZE;
    }
}
