package org.opbench.backend.opencl.cl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.opencl._cl_device_id;
import org.bytedeco.opencl._cl_platform_id;

/**
 * One OpenCL device with the facts opbench records and the limits its kernels and tuner respect.
 * The handles are not owned (root devices need no release).
 *
 * @param index          position in {@link ClDevices#list()} (platforms in order, their devices in order)
 * @param platformName   CL_PLATFORM_NAME
 * @param platformVersion CL_PLATFORM_VERSION
 * @param name           CL_DEVICE_NAME
 * @param vendor         CL_DEVICE_VENDOR
 * @param type           cpu, gpu, accelerator, custom or other
 * @param driverVersion  CL_DRIVER_VERSION
 * @param deviceVersion  CL_DEVICE_VERSION
 * @param computeUnits   CL_DEVICE_MAX_COMPUTE_UNITS
 * @param clockMhz       CL_DEVICE_MAX_CLOCK_FREQUENCY
 * @param globalMemBytes CL_DEVICE_GLOBAL_MEM_SIZE
 * @param localMemBytes  CL_DEVICE_LOCAL_MEM_SIZE
 * @param maxAllocBytes  CL_DEVICE_MAX_MEM_ALLOC_SIZE
 * @param maxWorkGroupSize CL_DEVICE_MAX_WORK_GROUP_SIZE
 * @param maxWorkItemSizes CL_DEVICE_MAX_WORK_ITEM_SIZES
 */
public record ClDevice(int index, String platformName, String platformVersion, String name, String vendor, String type,
                       String driverVersion, String deviceVersion, int computeUnits, int clockMhz, long globalMemBytes,
                       long localMemBytes, long maxAllocBytes, long maxWorkGroupSize, long[] maxWorkItemSizes,
                       _cl_platform_id platform, _cl_device_id handle) {

    public boolean isCpu() {
        return type.equals("cpu");
    }

    public boolean isGpu() {
        return type.equals("gpu");
    }

    /** One line for listings, e.g. {@code [0] pthread-skylake (cpu, PoCL, 2 CU @ 2596 MHz, ...)}. */
    public String summary() {
        return "[" + index + "] " + name + " (" + type + ", platform '" + platformName + "', " + computeUnits + " CU @ "
                + clockMhz + " MHz, global " + (globalMemBytes >> 20) + " MiB, local " + (localMemBytes >> 10)
                + " KiB, max alloc " + (maxAllocBytes >> 20) + " MiB, max work-group " + maxWorkGroupSize
                + ", driver " + driverVersion + ")";
    }

    /** The facts as a map for result files. */
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("platform", platformName);
        m.put("platform_version", platformVersion);
        m.put("name", name);
        m.put("vendor", vendor);
        m.put("type", type);
        m.put("driver_version", driverVersion);
        m.put("device_version", deviceVersion);
        m.put("compute_units", Integer.toString(computeUnits));
        m.put("clock_mhz", Integer.toString(clockMhz));
        m.put("global_mem_bytes", Long.toString(globalMemBytes));
        m.put("local_mem_bytes", Long.toString(localMemBytes));
        m.put("max_alloc_bytes", Long.toString(maxAllocBytes));
        m.put("max_work_group_size", Long.toString(maxWorkGroupSize));
        m.put("max_work_item_sizes", Arrays.toString(maxWorkItemSizes));
        return m;
    }

    @Override
    public String toString() {
        return summary();
    }
}
