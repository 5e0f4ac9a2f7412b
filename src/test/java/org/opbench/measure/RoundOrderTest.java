package org.opbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one seeded order of rounds: reproducible, every entry run once, re-runs placed later. */
class RoundOrderTest {

    /** Runs the order through, putting one more entry of "a" later each time "a" comes up, at most {@code more}. */
    private static List<String> runThrough(long seed, int more) {
        RoundOrder<String> order = new RoundOrder<>(seed, List.of("a", "b", "c"), 5);
        List<String> ran = new ArrayList<>();
        int added = 0;
        for (String s = order.next(); s != null; s = order.next()) {
            assertEquals(ran.size(), order.position());
            ran.add(s);
            if (s.equals("a") && added < more) {
                order.insertLater("a");
                added++;
            }
        }
        assertNull(order.next());
        return ran;
    }

    @Test
    void theSameSeedGivesTheSameOrderReRunsIncluded() {
        assertEquals(runThrough(11, 3), runThrough(11, 3));
        assertNotEquals(runThrough(11, 3), runThrough(12, 3));
        List<String> ran = runThrough(11, 3);
        assertEquals(8, Collections.frequency(ran, "a"));
        assertEquals(5, Collections.frequency(ran, "b"));
        assertEquals(5, Collections.frequency(ran, "c"));
    }

    @Test
    void entriesOfADeadWorkerAreRemovedFromTheRestOnly() {
        RoundOrder<String> order = new RoundOrder<>(3, List.of("a", "b"), 4);
        List<String> ran = new ArrayList<>();
        ran.add(order.next());
        ran.add(order.next());
        order.removeLater("a"::equals);
        for (String s = order.next(); s != null; s = order.next()) {
            ran.add(s);
            assertFalse(s.equals("a"));
        }
        assertEquals(4, Collections.frequency(ran, "b"));
        assertTrue(ran.size() <= 6);
    }
}
