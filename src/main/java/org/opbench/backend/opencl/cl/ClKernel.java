package org.opbench.backend.opencl.cl;

import static org.bytedeco.opencl.global.OpenCL.*;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_device_id;
import org.bytedeco.opencl._cl_kernel;

/** A kernel object, owned and released by its {@link ClContext}. Arguments are set once, at prepare time. */
public final class ClKernel {
    private final _cl_kernel kernel;
    private final String name;
    private final _cl_device_id device;
    private int nextArg;

    ClKernel(_cl_kernel kernel, String name, _cl_device_id device) {
        this.kernel = kernel;
        this.name = name;
        this.device = device;
    }

    public _cl_kernel handle() {
        return kernel;
    }

    public String name() {
        return name;
    }

    /** Sets the arguments in order, starting at 0: {@link ClBuffer}, Integer, Long or Float values. */
    public ClKernel args(Object... values) throws ClException {
        nextArg = 0;
        for (Object v : values) {
            arg(nextArg++, v);
        }
        return this;
    }

    public void arg(int index, Object value) throws ClException {
        int st;
        if (value instanceof ClBuffer b) {
            try (PointerPointer<?> p = new PointerPointer<>(1)) {
                p.put(0, b.mem());
                st = clSetKernelArg(kernel, index, Pointer.sizeof(PointerPointer.class), p);
            }
        } else if (value instanceof Integer i) {
            try (IntPointer p = new IntPointer(1)) {
                p.put(i);
                st = clSetKernelArg(kernel, index, 4, p);
            }
        } else if (value instanceof Long l) {
            try (LongPointer p = new LongPointer(1)) {
                p.put(l);
                st = clSetKernelArg(kernel, index, 8, p);
            }
        } else if (value instanceof Float f) {
            try (FloatPointer p = new FloatPointer(1)) {
                p.put(f);
                st = clSetKernelArg(kernel, index, 4, p);
            }
        } else {
            throw new IllegalArgumentException("unsupported kernel argument " + value);
        }
        Cl.check(st, "clSetKernelArg(" + name + ", " + index + ")");
    }

    /** CL_KERNEL_WORK_GROUP_SIZE: the largest work-group this kernel can run with on the device. */
    public long maxWorkGroupSize() throws ClException {
        return sizeInfo(CL_KERNEL_WORK_GROUP_SIZE);
    }

    /** CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE. */
    public long preferredMultiple() throws ClException {
        return sizeInfo(CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE);
    }

    /** CL_KERNEL_LOCAL_MEM_SIZE: the local memory the kernel needs on the device (its static __local arrays). */
    public long localMemBytes() throws ClException {
        try (LongPointer v = new LongPointer(1)) {
            Cl.check(clGetKernelWorkGroupInfo(kernel, device, CL_KERNEL_LOCAL_MEM_SIZE, 8, v, (SizeTPointer) null),
                    "clGetKernelWorkGroupInfo(" + name + ", CL_KERNEL_LOCAL_MEM_SIZE)");
            return v.get();
        }
    }

    private long sizeInfo(int param) throws ClException {
        try (SizeTPointer v = new SizeTPointer(1)) {
            Cl.check(clGetKernelWorkGroupInfo(kernel, device, param, Pointer.sizeof(SizeTPointer.class), v, null),
                    "clGetKernelWorkGroupInfo(" + name + ")");
            return v.get();
        }
    }
}
