package org.opbench.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Round evidence from schema-2 keys, and none from schema-1 records. */
class RoundStatsTest {
    @Test
    void roundMediansFromSamplesAndTheirRoundIndex() throws Exception {
        RoundStats r = RoundStats.of(Json.mapper().readTree(
                "{\"samples_us\":[1,9,3,4,5,6],\"samples_round\":[0,0,0,1,1,2]}"));
        assertEquals(3, r.rounds());
        assertArrayEquals(new double[] {3, 4.5, 6}, r.roundMedians());
        assertArrayEquals(new double[] {1, 9, 3}, r.samples().get(0));
    }

    @Test
    void roundUsWhenGiven() throws Exception {
        RoundStats r = RoundStats.of(Json.mapper().readTree("{\"rounds\":2,\"round_us\":[10.5,11],\"samples_us\":[1]}"));
        assertArrayEquals(new double[] {10.5, 11}, r.roundMedians());
        assertTrue(r.hasRounds());
    }

    @Test
    void aSchemaOnePointHasNoRounds() {
        PointRecord p = PointRecord.builder().status(Status.OK).samplesUs(new double[] {1, 2, 3}).build();
        assertEquals(0, RoundStats.of(p).rounds());
        assertFalse(RoundStats.of(p).hasRounds());
    }
}
