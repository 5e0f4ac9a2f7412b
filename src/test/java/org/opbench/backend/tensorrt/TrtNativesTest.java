package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.opbench.backend.cuda.Closer;

/**
 * Deleting TensorRT objects through opbench's binding, on any machine: an object of opbench's own with the
 * {@code INoCopy} layout stands in for TensorRT's, and its destructor counts. Skips, naming the reason, where the
 * binding was not built (no C++ compiler at build time); CI installs g++ so that it runs there.
 */
class TrtNativesTest {
    private static void assumeBuilt() {
        String failed = TrtNatives.load();
        assumeTrue(failed == null, failed);
    }

    @Test
    void deleteRunsTheDestructorThroughTheVtableAndNullsThePointer() {
        assumeBuilt();
        int before = TrtNative.opbench_trt_delete_probe_count();
        Pointer probe = TrtNative.opbench_trt_delete_probe_new();
        assertTrue(TrtNatives.delete(probe));
        assertEquals(before + 1, TrtNative.opbench_trt_delete_probe_count());
        assertTrue(probe.isNull());
        assertFalse(TrtNatives.delete(probe)); // already null: nothing happens
        assertFalse(TrtNatives.delete(null));
        assertEquals(before + 1, TrtNative.opbench_trt_delete_probe_count());
    }

    @Test
    void deleteOnCloseDeletesOnceWhenTheCloserCloses() {
        assumeBuilt();
        int before = TrtNative.opbench_trt_delete_probe_count();
        Closer closer = new Closer();
        Pointer probe = TrtNatives.deleteOnClose(closer, TrtNative.opbench_trt_delete_probe_new());
        assertEquals(before, TrtNative.opbench_trt_delete_probe_count());
        closer.close();
        closer.close();
        assertEquals(before + 1, TrtNative.opbench_trt_delete_probe_count());
        assertTrue(probe.isNull());
    }

    @Test
    void tensorRtMustBeTheBuiltAgainstMinorOrNewerOfTheSameMajor() {
        assertNull(TensorRtBackend.versionProblem("10.15.1", "10.15"));
        assertNull(TensorRtBackend.versionProblem("10.16.0", "10.15"));
        String old = TensorRtBackend.versionProblem("10.3.0", "10.15");
        assertTrue(old.contains("TensorRT 10.3.0 found") && old.contains("10.15 or a newer 10.x"), old);
        assertTrue(TensorRtBackend.versionProblem("11.0.0", "10.15") != null);
        assertTrue(TensorRtBackend.versionProblem("8.6.1", "10.15") != null);
    }
}
