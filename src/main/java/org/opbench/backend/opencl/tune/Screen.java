package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opbench.spi.BackendException;

/**
 * The first round of a search: candidates are timed once each (after the warm-up run that absorbs a driver's
 * compilation for a new local size), in the given order, until the {@link Budget} is spent. A candidate slower than
 * {@link #REJECT_FACTOR} times the best so far is rejected at once (it gets no further rounds); what the device
 * refuses ({@link Long#MAX_VALUE}) is counted as failed.
 */
public final class Screen {
    public static final double REJECT_FACTOR = 2.0;

    private Screen() {
    }

    /** Times one candidate: its first-round time in nanoseconds, {@link Long#MAX_VALUE} when it cannot run. */
    @FunctionalInterface
    public interface Timer<C> {
        long time(C candidate) throws BackendException;
    }

    /** A candidate with its first-round time. */
    public record Scored<C>(C candidate, long nanos) {
    }

    /**
     * @param kept       candidates within {@link #REJECT_FACTOR} of the best, fastest first
     * @param timed      candidates timed
     * @param rejected   candidates rejected early (slower than {@link #REJECT_FACTOR} x the best so far, or than the
     *                   final best)
     * @param failed     candidates the device refused
     * @param notReached candidates left untimed because the budget was spent
     */
    public record Result<C>(List<Scored<C>> kept, int timed, int rejected, int failed, int notReached) {
        public Result {
            kept = List.copyOf(kept);
        }

        public boolean isEmpty() {
            return kept.isEmpty();
        }

        public Scored<C> best() {
            return kept.get(0);
        }
    }

    public static <C> Result<C> run(List<C> candidates, Timer<C> timer, Budget budget) throws BackendException {
        List<Scored<C>> ok = new ArrayList<>();
        long best = Long.MAX_VALUE;
        int timed = 0;
        int rejected = 0;
        int failed = 0;
        int i = 0;
        for (; i < candidates.size(); i++) {
            if (timed > 0 && budget.spent()) {
                break;
            }
            C c = candidates.get(i);
            long t = timer.time(c);
            timed++;
            if (t == Long.MAX_VALUE) {
                failed++;
            } else if (best != Long.MAX_VALUE && t > REJECT_FACTOR * best) {
                rejected++;
            } else {
                ok.add(new Scored<>(c, t));
                best = Math.min(best, t);
            }
        }
        long finalBest = best;
        List<Scored<C>> kept = new ArrayList<>();
        for (Scored<C> s : ok) {
            if (s.nanos() <= REJECT_FACTOR * finalBest) {
                kept.add(s);
            } else {
                rejected++;
            }
        }
        kept.sort(Comparator.comparingLong(Scored::nanos));
        return new Result<>(kept, timed, rejected, failed, candidates.size() - i);
    }
}
