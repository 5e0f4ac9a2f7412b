package org.opbench.backend.opencl.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.opencl.ops.Defines;

/** The tuning file on its own (no OpenCL needed). */
class TuningFileTest {
    static final TuningFile.Key KEY = new TuningFile.Key("dev A", "drv 1", "gemm.cl@abc", "mb1ic3ih5oc4", "gemm",
            "rapid");

    static TunedConfig config() {
        return new TunedConfig(Defines.of("TM", 4, "VW", 8, "NV", 2),
                Arrays.asList(new long[] {8, 4, 1}, null), "tuned", 12, 34567, 89.5);
    }

    @Test
    void roundTripsEveryField(@TempDir Path dir) {
        TuningFile f = new TuningFile(dir.resolve("t.json"));
        assertNull(f.lookup(KEY));
        assertTrue(f.store(KEY, config()));
        TunedConfig back = new TuningFile(dir.resolve("t.json")).lookup(KEY);
        assertEquals(config().variant(), back.variant());
        assertEquals(2, back.locals().size());
        assertArrayEquals(new long[] {8, 4, 1}, back.locals().get(0));
        assertNull(back.locals().get(1));
        assertEquals("file", back.source());
        assertEquals(0.0, back.tuningMs());
        assertEquals(12, back.evaluated());
        assertEquals(34567, back.bestNanos());
    }

    @Test
    void keysDifferByEveryPart(@TempDir Path dir) {
        TuningFile f = new TuningFile(dir.resolve("t.json"));
        f.store(KEY, config());
        String[] p = {KEY.device(), KEY.driver(), KEY.kernel(), KEY.problem(), KEY.algorithm(), KEY.tuner()};
        for (int i = 0; i < p.length; i++) {
            String[] q = p.clone();
            q[i] = q[i] + "x";
            assertNull(f.lookup(new TuningFile.Key(q[0], q[1], q[2], q[3], q[4], q[5])), "part " + i);
        }
        TuningFile.Key other = new TuningFile.Key("dev B", "drv 1", "gemm.cl@abc", "mb1ic3ih5oc4", "gemm", "rapid");
        f.store(other, new TunedConfig(Defines.NONE, Arrays.asList((long[]) null), "tuned", 1, 1, 1));
        assertEquals(config().variant(), f.lookup(KEY).variant(), "storing another key keeps the first");
        assertEquals(Defines.NONE, f.lookup(other).variant());
    }

    @Test
    void aCorruptFileIsIgnoredAndReplaced(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.json");
        Files.writeString(p, "{ not json");
        TuningFile f = new TuningFile(p);
        assertNull(f.lookup(KEY));
        assertTrue(f.store(KEY, config()));
        assertEquals(config().variant(), f.lookup(KEY).variant());
    }
}
