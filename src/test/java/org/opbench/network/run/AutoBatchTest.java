package org.opbench.network.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoBatchTest {
    @Test
    void stopsWhenDoublingGainsTooLittle() {
        List<AutoBatch.Step> s = List.of(new AutoBatch.Step(1, 100, 1, 2), new AutoBatch.Step(2, 180, 1, 2),
                new AutoBatch.Step(4, 185, 1, 2));
        assertNull(AutoBatch.afterStep(s.subList(0, 2), 1024, 0.05));
        AutoBatch.Stop stop = AutoBatch.afterStep(s, 1024, 0.05);
        assertNotNull(stop);
        assertEquals("throughput", stop.kind());
        assertTrue(stop.reason().contains("batch 4"), stop.reason());
    }

    @Test
    void minusHundredPercentNeverStopsForThroughput() {
        List<AutoBatch.Step> s = List.of(new AutoBatch.Step(1, 100, 1, 2), new AutoBatch.Step(2, 50, 1, 2));
        assertNull(AutoBatch.afterStep(s, 1024, -1));
    }

    @Test
    void stopsAtTheLargestBatchAllowed() {
        AutoBatch.Stop stop = AutoBatch.afterStep(List.of(new AutoBatch.Step(8, 100, 1, 2)), 8, 0.05);
        assertEquals("max_batch", stop.kind());
    }

    @Test
    void predictsFromTheLastBatchOrFromTheGraph() {
        // measured: batch 4 went from 100 MB to 300 MB; batch 8 is predicted to add 400 MB to what is resident now
        AutoBatch.Step last = new AutoBatch.Step(4, 10, 100_000_000, 300_000_000);
        assertEquals(120_000_000 + 400_000_000, AutoBatch.predict(8, last, 120_000_000, 50, 60));
        assertEquals(100 + 2 * 50 + 3 * 60, AutoBatch.predict(1, null, 100, 50, 60));
        assertNull(AutoBatch.memory(8, 500, 1000, "limit"));
        assertTrue(AutoBatch.memory(8, 2_000_000_000L, 1_000_000_000L, "--max-memory").contains("--max-memory"));
    }
}
