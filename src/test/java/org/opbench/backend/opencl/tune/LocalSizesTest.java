package org.opbench.backend.opencl.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.backend.opencl.cl.ClDevice;

/** Local-size enumeration and the heuristic against made-up device limits (no OpenCL needed). */
class LocalSizesTest {
    static ClDevice device(String type, long maxGroup, long... itemSizes) {
        return new ClDevice(0, "p", "OpenCL 3.0", "d", "v", type, "1", "OpenCL 3.0", 4, 1000, 1L << 30, 1 << 16,
                1L << 28, maxGroup, itemSizes, null, null);
    }

    @Test
    void allRespectsDeviceKernelAndWorkLimits() {
        ClDevice dev = device("gpu", 256, 256, 256, 64);
        long[] work = {100, 3, 1};
        List<long[]> all = LocalSizes.all(work, 128, dev);
        assertTrue(all.stream().anyMatch(l -> Arrays.equals(l, new long[] {1, 1, 1})));
        assertTrue(all.stream().anyMatch(l -> Arrays.equals(l, new long[] {128, 1, 1})));
        assertTrue(all.stream().anyMatch(l -> Arrays.equals(l, new long[] {32, 4, 1})));
        for (long[] l : all) {
            assertTrue(l[0] * l[1] * l[2] <= 128, Arrays.toString(l));
            assertTrue(l[1] <= 4 && l[2] == 1, Arrays.toString(l));
        }
        // dims 0: 1..128 (8), dim 1: 1,2,4 with the product capped at 128
        assertEquals(8 + 7 + 6, all.size());
        assertEquals(all.size(), all.stream().map(Arrays::toString).distinct().count());
    }

    @Test
    void itemSizeLimitsApply() {
        ClDevice dev = device("gpu", 1024, 16, 8, 1);
        for (long[] l : LocalSizes.all(new long[] {1000, 1000, 7}, 1024, dev)) {
            assertTrue(l[0] <= 16 && l[1] <= 8 && l[2] == 1, Arrays.toString(l));
        }
    }

    @Test
    void heuristicFillsDimensionZeroFirst() {
        assertArrayEquals(new long[] {64, 1, 1}, LocalSizes.heuristic(new long[] {100, 3, 1}, 4096,
                device("cpu", 4096, 4096, 4096, 4096)));
        assertArrayEquals(new long[] {128, 2, 1}, LocalSizes.heuristic(new long[] {100, 3, 1}, 1024,
                device("gpu", 1024, 1024, 1024, 64)));
        assertArrayEquals(new long[] {4, 8, 2}, LocalSizes.heuristic(new long[] {3, 8, 5}, 4096,
                device("cpu", 4096, 4096, 4096, 4096)));
        // kernel limit below the target
        assertArrayEquals(new long[] {32, 1}, LocalSizes.heuristic(new long[] {1000, 1000}, 32,
                device("gpu", 1024, 1024, 1024)));
    }

    @Test
    void prunedDropsPaddingAndKernelsNeedingMoreLocalMemoryThanTheDevice() {
        ClDevice dev = device("cpu", 4096, 4096, 4096, 4096); // local memory 64 KiB
        long[] work = {4, 14, 4};
        List<long[]> limited = LocalSizes.all(work, 4096, dev);
        List<long[]> pruned = LocalSizes.pruned(work, 4096, 0, dev);
        assertTrue(pruned.size() < limited.size());
        assertTrue(pruned.stream().anyMatch(l -> Arrays.equals(l, new long[] {4, 2, 4})));
        assertTrue(pruned.stream().noneMatch(l -> Arrays.equals(l, new long[] {1, 16, 1})), "16 of 14: 14% idle");
        assertTrue(pruned.stream().noneMatch(l -> Arrays.equals(l, new long[] {1, 4, 1})), "16 of 14 again");
        for (long[] l : pruned) {
            assertTrue(LocalSizes.padding(work, l) <= LocalSizes.MAX_PADDING, Arrays.toString(l));
        }
        assertEquals(0.0, LocalSizes.padding(work, new long[] {2, 7, 4}));
        assertEquals(16.0 / 14 - 1, LocalSizes.padding(work, new long[] {1, 8, 1}), 1e-12);
        assertTrue(LocalSizes.pruned(work, 4096, (1 << 16) + 1, dev).isEmpty(), "kernel needs more local memory");
    }

    @Test
    void violationNamesTheLimitALocalSizeBreaks() {
        ClDevice dev = device("gpu", 256, 256, 128, 64);
        long[] work = {100, 3, 1};
        assertEquals(null, LocalSizes.violation(null, work, 128, dev));
        assertEquals(null, LocalSizes.violation(new long[] {64, 2, 1}, work, 128, dev));
        assertTrue(LocalSizes.violation(new long[] {64, 2}, work, 128, dev).contains("2 dimensions"));
        assertTrue(LocalSizes.violation(new long[] {0, 1, 1}, work, 128, dev).contains("below 1"));
        assertTrue(LocalSizes.violation(new long[] {1, 1, 128}, work, 4096, dev)
                .contains("CL_DEVICE_MAX_WORK_ITEM_SIZES[2] = 64"));
        assertTrue(LocalSizes.violation(new long[] {256, 2, 1}, work, 4096, dev)
                .contains("CL_DEVICE_MAX_WORK_GROUP_SIZE 256"));
        assertTrue(LocalSizes.violation(new long[] {128, 2, 1}, work, 128, dev)
                .contains("CL_KERNEL_WORK_GROUP_SIZE 128"));
    }
}
