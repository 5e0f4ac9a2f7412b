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

    @Test
    void theEvidenceRoundTrips(@TempDir Path dir) {
        TuningFile f = new TuningFile(dir.resolve("t.json"));
        Decision.Gain gain = new Decision.Gain(1.2, 1.1, 1.3, 9, 0.961);
        TunedConfig c = new TunedConfig(Defines.of("TM", 4), Arrays.asList(new long[] {8, 1}), "tuned", 5, 100, 3,
                new TunedConfig.Evidence(66.5, gain, "tuned: x"));
        f.store(KEY, c);
        TunedConfig back = f.lookup(KEY);
        assertEquals(66.5, back.evidence().untunedUs());
        assertEquals(gain, back.evidence().gain());
        assertEquals("tuned: x", back.evidence().decision());
    }

    @Test
    void anEntryThatCannotBeReadIsReportedWithFileAndKey(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.json");
        TuningFile f = new TuningFile(p);
        f.store(KEY, config());
        String text = Files.readString(p);
        String bad = text.replaceFirst("\\[\\s*8,\\s*4,\\s*1\\s*\\]", "[ 8, \"four\", 1 ]");
        assertTrue(!bad.equals(text), "the test edits the stored local size");
        Files.writeString(p, bad);
        TuningFile.Lookup l = f.read(KEY);
        assertNull(l.config());
        assertTrue(l.invalid().contains(p.toString()) && l.invalid().contains(KEY.id()), l.invalid());
        assertTrue(l.invalid().contains("non-integer"), l.invalid());
        assertNull(f.lookup(KEY));
        assertNull(f.read(new TuningFile.Key("x", "y", "z", "w", "v", "u")).invalid(), "a missing key is no error");
        assertTrue(f.store(KEY, config()), "re-tuning replaces the bad entry");
        assertEquals(config().variant(), f.lookup(KEY).variant());
    }
}
