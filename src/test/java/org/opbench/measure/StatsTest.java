package org.opbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.spi.Clock;

class StatsTest {

    @Test
    void statisticsOfAKnownSample() {
        Stats s = Stats.of(new double[] {4, 1, 3, 2, 10});
        assertEquals(1, s.min());
        assertEquals(3, s.median());
        assertEquals(4, s.mean());
        assertEquals(10, s.max());
        assertEquals(Math.sqrt(50.0 / 4), s.stddev(), 1e-12); // deviations 0,-3,-1,-2,6 -> 50 / (n-1)
        assertEquals(s.stddev() / 4, s.cv(), 1e-12);
        assertEquals(7.6, s.p90(), 1e-12); // sorted 1,2,3,4,10: position 3.6 -> 4 + 0.6 * 6
        assertEquals(5, s.count());
    }

    @Test
    void evenCountMedianAndSingleSample() {
        assertEquals(2.5, Stats.of(new double[] {1, 2, 3, 4}).median());
        Stats one = Stats.of(new double[] {7});
        assertEquals(0, one.stddev());
        assertEquals(0, one.cv());
        assertEquals(7, one.p90());
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
    }

    @Test
    void harnessStopsAtMinimumRepsAndTimeAndAtTheCap() throws Exception {
        EmptyOp op = new EmptyOp();
        Samples s = new Harness(new MeasureSettings(2, 0, 25, 0, 10_000, 1000, 0.02, false, null, 0)).measure(op);
        assertEquals(25, s.count());
        assertEquals(27, op.runs()); // two warm-up runs first
        Samples capped = new Harness(new MeasureSettings(0, 0, 5, 10_000, 10_000, 40, 0.02, false, null, 0))
                .measure(new EmptyOp());
        assertEquals(40, capped.count());
        assertEquals(Clock.WALL, capped.clock());
        assertTrue(capped.timed() == capped.wall());
    }

    @Test
    void harnessStopsAtMaximumTimeAfterOneRepetition() throws Exception {
        SleepingOp op = new SleepingOp(30);
        Samples s = new Harness(new MeasureSettings(0, 0, 1000, 0, 50, 1000, 0.02, false, null, 0)).measure(op);
        assertTrue(s.count() >= 1 && s.count() <= 3, "count " + s.count());
        assertTrue(s.timed()[0] >= 30_000_000L);
    }

    @Test
    void deviceClockSamplesComeFromTheBackend() throws Exception {
        EmptyOp op = new EmptyOp() {
            @Override
            public Clock clock() {
                return Clock.DEVICE;
            }

            @Override
            public long lastDeviceNanos() {
                return 1234;
            }
        };
        Samples s = new Harness(new MeasureSettings(0, 0, 3, 0, 1000, 3, 0.02, false, null, 0)).measure(op);
        assertEquals(Clock.DEVICE, s.clock());
        assertEquals(1234, s.timed()[2]);
        assertTrue(s.wall() != s.timed());
    }

    @Test
    void coldCacheModeStillMeasures() throws Exception {
        Samples s = new Harness(new MeasureSettings(0, 0, 3, 0, 1000, 3, 0.02, true, null, 0)).measure(new EmptyOp());
        assertEquals(3, s.count());
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new MeasureSettings(0, 0, 0, 0, 1, 1, 0.02, false, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new MeasureSettings(0, 0, 10, 0, 1, 5, 0.02, false, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new MeasureSettings(0, 0, 1, 0, 0, 5, 0.02, false, null, 0));
    }

    @Test
    void timerCalibrationGivesPlausibleFigures() {
        TimerCalibration t = TimerCalibration.measure();
        assertTrue(t.resolutionNs() > 0 && t.resolutionNs() < 1e6, "resolution " + t.resolutionNs());
        assertTrue(t.nanoTimeCostNs() > 0 && t.nanoTimeCostNs() < 1e5, "cost " + t.nanoTimeCostNs());
        assertTrue(t.repOverheadNs() >= 0 && t.repOverheadNs() < 1e6, "overhead " + t.repOverheadNs());
    }

    @Test
    void relativeError() {
        assertEquals(0, Check.relativeError(new float[] {1, 2}, new float[] {1, 2}));
        assertEquals(0.25, Check.relativeError(new float[] {1, 3}, new float[] {1, 4}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Check.relativeError(new float[] {Float.NaN}, new float[] {1}));
        assertEquals(Double.POSITIVE_INFINITY, Check.relativeError(new float[] {1}, new float[] {1, 2}));
    }

    static final class SleepingOp extends EmptyOp {
        private final long ms;

        SleepingOp(long ms) {
            this.ms = ms;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
