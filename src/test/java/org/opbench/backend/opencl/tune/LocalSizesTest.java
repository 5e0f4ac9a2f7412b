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
}
