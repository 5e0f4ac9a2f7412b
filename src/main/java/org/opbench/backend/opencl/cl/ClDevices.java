package org.opbench.backend.opencl.cl;

import static org.bytedeco.opencl.global.OpenCL.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_device_id;
import org.bytedeco.opencl._cl_platform_id;
import org.bytedeco.opencl.global.OpenCL;

/** Enumerates OpenCL platforms and devices through the ICD loader. */
public final class ClDevices {
    private ClDevices() {
    }

    /**
     * Loads the OpenCL binding (may throw {@link UnsatisfiedLinkError} or {@link NoClassDefFoundError}) and lists
     * every device of every platform; an empty list when the ICD loader finds no platform.
     */
    public static List<ClDevice> list() throws ClException {
        Loader.load(OpenCL.class);
        List<ClDevice> out = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            IntPointer count = new IntPointer(1);
            int st = clGetPlatformIDs(0, (PointerPointer<?>) null, count);
            if (st == Cl.PLATFORM_NOT_FOUND_KHR || (st == Cl.SUCCESS && count.get() == 0)) {
                return out;
            }
            Cl.check(st, "clGetPlatformIDs");
            int np = count.get();
            PointerPointer<?> plats = new PointerPointer<>(np);
            Cl.check(clGetPlatformIDs(np, plats, (IntPointer) null), "clGetPlatformIDs");
            for (int p = 0; p < np; p++) {
                _cl_platform_id platform = new _cl_platform_id(plats.get(p));
                String pname = platformString(platform, CL_PLATFORM_NAME);
                String pversion = platformString(platform, CL_PLATFORM_VERSION);
                IntPointer nd = new IntPointer(1);
                st = clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, (PointerPointer<?>) null, nd);
                if (st == Cl.DEVICE_NOT_FOUND) {
                    continue;
                }
                Cl.check(st, "clGetDeviceIDs");
                PointerPointer<?> devs = new PointerPointer<>(nd.get());
                Cl.check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, nd.get(), devs, (IntPointer) null),
                        "clGetDeviceIDs");
                for (int d = 0; d < nd.get(); d++) {
                    _cl_device_id dev = new _cl_device_id(devs.get(d));
                    out.add(describe(out.size(), pname, pversion, platform, dev));
                }
            }
        }
        return out;
    }

    private static ClDevice describe(int index, String pname, String pversion, _cl_platform_id platform,
                                     _cl_device_id dev) throws ClException {
        long type = deviceLong(dev, CL_DEVICE_TYPE, 8);
        String typeName = (type & CL_DEVICE_TYPE_GPU) != 0 ? "gpu"
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? "cpu"
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator"
                : (type & CL_DEVICE_TYPE_CUSTOM) != 0 ? "custom" : "other";
        int dims = (int) deviceLong(dev, CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, 4);
        SizeTPointer sizes = new SizeTPointer(dims);
        Cl.check(clGetDeviceInfo(dev, CL_DEVICE_MAX_WORK_ITEM_SIZES, (long) dims * Pointer.sizeof(SizeTPointer.class),
                sizes, null), "clGetDeviceInfo(CL_DEVICE_MAX_WORK_ITEM_SIZES)");
        long[] itemSizes = new long[dims];
        for (int i = 0; i < dims; i++) {
            itemSizes[i] = sizes.get(i);
        }
        return new ClDevice(index, pname, pversion, deviceString(dev, CL_DEVICE_NAME), deviceString(dev, CL_DEVICE_VENDOR),
                typeName, deviceString(dev, CL_DRIVER_VERSION), deviceString(dev, CL_DEVICE_VERSION),
                (int) deviceLong(dev, CL_DEVICE_MAX_COMPUTE_UNITS, 4), (int) deviceLong(dev, CL_DEVICE_MAX_CLOCK_FREQUENCY, 4),
                deviceLong(dev, CL_DEVICE_GLOBAL_MEM_SIZE, 8), deviceLong(dev, CL_DEVICE_LOCAL_MEM_SIZE, 8),
                deviceLong(dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE, 8),
                deviceLong(dev, CL_DEVICE_MAX_WORK_GROUP_SIZE, Pointer.sizeof(SizeTPointer.class)), itemSizes,
                platform, dev);
    }

    private static String platformString(_cl_platform_id p, int param) throws ClException {
        SizeTPointer len = new SizeTPointer(1);
        Cl.check(clGetPlatformInfo(p, param, 0, null, len), "clGetPlatformInfo");
        BytePointer buf = new BytePointer(len.get() + 1);
        Cl.check(clGetPlatformInfo(p, param, len.get(), buf, null), "clGetPlatformInfo");
        return cString(buf, len.get());
    }

    /** Whether {@code d}'s CL_DEVICE_EXTENSIONS (a space-separated list) names {@code extension}. */
    public static boolean hasExtension(ClDevice d, String extension) throws ClException {
        return java.util.Arrays.asList(deviceString(d.handle(), CL_DEVICE_EXTENSIONS).split("\\s+"))
                .contains(extension);
    }

    static String deviceString(_cl_device_id d, int param) throws ClException {
        try (PointerScope scope = new PointerScope()) {
            SizeTPointer len = new SizeTPointer(1);
            Cl.check(clGetDeviceInfo(d, param, 0, null, len), "clGetDeviceInfo");
            BytePointer buf = new BytePointer(len.get() + 1);
            Cl.check(clGetDeviceInfo(d, param, len.get(), buf, null), "clGetDeviceInfo");
            return cString(buf, len.get());
        }
    }

    /** The text of the first {@code len} bytes of {@code buf}, up to the first NUL, trimmed. */
    static String cString(BytePointer buf, long len) {
        byte[] b = new byte[(int) len];
        buf.get(b);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    /** An unsigned integer device property of {@code bytes} bytes (4 or 8). */
    static long deviceLong(_cl_device_id d, int param, int bytes) throws ClException {
        try (PointerScope scope = new PointerScope()) {
            LongPointer v = new LongPointer(1);
            v.put(0L);
            Cl.check(clGetDeviceInfo(d, param, bytes, v, null), "clGetDeviceInfo(" + param + ")");
            long x = v.get();
            return bytes == 4 ? x & 0xffffffffL : x;
        }
    }
}
