package org.opbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which worker groups live at once: greedy batches in plan order, within the memory budget and the cap. */
class BatchesTest {

    @Test
    void everyGroupInOneBatchWhenTheyFit() {
        assertEquals(List.of(List.of(0, 1, 2)), Batches.plan(List.of(10L, 10L, 10L), 30, 0));
        assertEquals(List.of(List.of(0, 1, 2)), Batches.plan(List.of(10L, 10L, 10L), Long.MAX_VALUE, 0));
        assertEquals("sweep", Batches.scope(0, 1));
    }

    @Test
    void groupsThatDoNotFitTogetherRunInBatches() {
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4)),
                Batches.plan(List.of(10L, 10L, 10L, 10L, 10L), 25, 0));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), Batches.plan(List.of(40L, 40L, 5L), 30, 0),
                "a group alone over the budget is a batch of its own; the next one does not join it");
        assertEquals("batch 2/3", Batches.scope(1, 3));
    }

    @Test
    void theCapLimitsTheWorkersAliveAtOnce() {
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4)),
                Batches.plan(List.of(1L, 1L, 1L, 1L, 1L), Long.MAX_VALUE, 2));
        assertEquals(List.of(List.of(0), List.of(1)), Batches.plan(List.of(1L, 1L), Long.MAX_VALUE, 1));
    }
}
