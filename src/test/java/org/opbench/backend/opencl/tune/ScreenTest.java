package org.opbench.backend.opencl.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The search's first round, the budget and the interleaved rounds on made-up timings (no OpenCL needed). */
class ScreenTest {
    @Test
    void aCandidateSlowerThanTwiceTheBestSoFarIsRejectedAtOnce() throws Exception {
        Map<String, Long> t = Map.of("a", 100L, "b", 250L, "c", 60L, "d", 110L, "e", Long.MAX_VALUE, "f", 190L);
        Screen.Result<String> r = Screen.run(List.of("a", "b", "c", "d", "e", "f"), t::get,
                Budget.seconds(1000));
        // b: 250 > 2 x 100 at once; f: 190 > 2 x 60 at once; e refused by the device
        assertEquals(List.of("c", "a", "d"), r.kept().stream().map(Screen.Scored::candidate).toList());
        assertEquals(6, r.timed());
        assertEquals(2, r.rejected());
        assertEquals(1, r.failed());
        assertEquals(0, r.notReached());
        assertEquals("c", r.best().candidate());
    }

    @Test
    void whatWasKeptEarlyIsDroppedWhenTheFinalBestIsMoreThanTwiceFaster() throws Exception {
        Map<String, Long> t = Map.of("a", 100L, "b", 40L);
        Screen.Result<String> r = Screen.run(List.of("a", "b"), t::get, Budget.seconds(1000));
        assertEquals(List.of("b"), r.kept().stream().map(Screen.Scored::candidate).toList());
        assertEquals(1, r.rejected());
    }

    @Test
    void theBudgetStopsTheSearchAndTheBestSoFarIsUsed() throws Exception {
        AtomicLong now = new AtomicLong();
        Budget budget = new Budget(1.0, now::get);
        List<Integer> timedOnes = new ArrayList<>();
        List<Integer> cands = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Screen.Result<Integer> r = Screen.run(cands, c -> {
            timedOnes.add(c);
            now.addAndGet(300_000_000L); // each candidate costs 0.3 s (a driver compiling a new local size)
            return 100L - c;
        }, budget);
        assertEquals(List.of(0, 1, 2, 3), timedOnes, "stops once 1 s is spent");
        assertEquals(4, r.timed());
        assertEquals(6, r.notReached());
        assertEquals(3, r.best().candidate());
        assertTrue(budget.stoppedSearch());
    }

    @Test
    void aSpentBudgetStillTimesTheFirstCandidate() throws Exception {
        AtomicLong now = new AtomicLong();
        Budget budget = new Budget(1.0, now::get);
        now.set(5_000_000_000L);
        Screen.Result<String> r = Screen.run(List.of("default", "other"), c -> 10L, budget);
        assertEquals(1, r.timed());
        assertEquals("default", r.best().candidate());
        assertEquals(1, r.notReached());
    }

    @Test
    void budgetValues() {
        assertEquals(2.5, Budget.parse(" 2.5 "));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("ten"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("Infinity"));
        assertFalse(Budget.seconds(100).spent());
    }

    @Test
    void roundsRunEveryConfigurationOncePerRoundInASeededShuffledOrder() throws Exception {
        List<Integer> calls = new ArrayList<>();
        double[][] v = Rounds.run(5, 8, 42, c -> {
            calls.add(c);
            return 10.0 * c + calls.size() / 1000.0;
        });
        assertEquals(40, calls.size());
        HashSet<List<Integer>> orders = new HashSet<>();
        for (int r = 0; r < 8; r++) {
            List<Integer> round = calls.subList(5 * r, 5 * r + 5);
            assertEquals(new HashSet<>(List.of(0, 1, 2, 3, 4)), new HashSet<>(round), "round " + r);
            assertEquals(Rounds.order(5, 42, r), round);
            orders.add(List.copyOf(round));
            for (int c = 0; c < 5; c++) {
                assertEquals(10.0 * c, v[c][r], 0.5);
            }
        }
        assertTrue(orders.size() > 1, "the order changes between rounds");
        assertFalse(Rounds.order(5, 42, 0).equals(Rounds.order(5, 43, 0))
                && Rounds.order(5, 42, 1).equals(Rounds.order(5, 43, 1)), "the seed drives the order");
        assertEquals(2.5, Rounds.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void aPartOfTheBudgetLeavesTheRestToTheNextStage() {
        AtomicLong now = new AtomicLong();
        Budget whole = new Budget(10, now::get);
        now.set(2_000_000_000L);
        Budget half = whole.part(0.5); // 4 s of the 8 s left
        now.set(5_900_000_000L);
        assertFalse(half.spent());
        now.set(6_000_000_000L);
        assertTrue(half.spent());
        assertFalse(whole.spent(), "the rest is left to the next stage");
        now.set(12_000_000_000L);
        assertTrue(whole.spent());
        Budget late = whole.part(0.5);
        assertTrue(late.spent(), "a part of a spent budget is spent");
    }
}
