package org.opbench.network.run;

import java.util.List;
import java.util.Locale;

/**
 * The decisions of a batch sweep: whether a batch can be expected to fit in memory, and in auto mode whether to
 * double again.
 *
 * <p>Memory of batch B is predicted from the last measured batch b as {@code baseline + (peak - baseline) * B / b}
 * (everything that batch added, scaled as if all of it grew with the batch: weights do not, so this errs on the
 * safe side), and before any measurement as {@code rss + 2 x weights + 3 x peak activations(B)} (a framework holds
 * the weights once or twice, e.g. prepacked, and its activation buffers, plus workspace).
 */
public final class AutoBatch {
    private AutoBatch() {
    }

    /** A measured batch. */
    public record Step(int batch, double throughputIps, long baselineBytes, long peakBytes) {
    }

    /** Why to stop, or null to go on. */
    public record Stop(String kind, String reason) {
    }

    /** Predicted resident bytes for {@code batch}. */
    public static long predict(int batch, Step last, long rssNow, long weightBytes, long activationBytes) {
        if (last != null && last.peakBytes() > 0 && last.baselineBytes() > 0) {
            double grown = (double) Math.max(0, last.peakBytes() - last.baselineBytes()) * batch / last.batch();
            return (long) (Math.max(rssNow, 0) + grown);
        }
        return Math.max(rssNow, 0) + 2 * weightBytes + 3 * activationBytes;
    }

    /** Why {@code batch} cannot be expected to fit under {@code limitBytes} (a reason), or null. */
    public static String memory(int batch, long predicted, long limitBytes, String limitWhat) {
        if (limitBytes > 0 && predicted > limitBytes) {
            return String.format(Locale.ROOT, "batch %d would need about %.0f MB of resident memory, more than %s "
                    + "(%.0f MB)", batch, predicted / 1e6, limitWhat, limitBytes / 1e6);
        }
        return null;
    }

    /** After measuring {@code steps} (in order, the last just now), whether auto mode stops before doubling. */
    public static Stop afterStep(List<Step> steps, int maxBatch, double minGain) {
        Step last = steps.get(steps.size() - 1);
        if (steps.size() >= 2 && minGain > -1) {
            Step prev = steps.get(steps.size() - 2);
            if (last.throughputIps() < prev.throughputIps() * (1 + minGain)) {
                return new Stop("throughput", String.format(Locale.ROOT, "not run: throughput at batch %d "
                                + "(%.1f images/s) is not %.0f%% above batch %d (%.1f images/s)", last.batch(),
                        last.throughputIps(), 100 * minGain, prev.batch(), prev.throughputIps()));
            }
        }
        if ((long) last.batch() * 2 > maxBatch) {
            return new Stop("max_batch", "not run: batch " + (long) last.batch() * 2 + " exceeds --max-batch "
                    + maxBatch);
        }
        return null;
    }
}
