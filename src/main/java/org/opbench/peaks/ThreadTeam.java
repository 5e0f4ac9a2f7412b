package org.opbench.peaks;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * A fixed team of threads that run the same work together, timed from the moment all are released to the moment
 * the last finishes (wall clock). Each thread runs {@link Work#setup} once in itself (so that its buffers are
 * allocated and first touched by the thread that uses them), then {@link Work#run} per repetition. Threads are not
 * pinned (Java cannot): the OS spreads them over the cores.
 */
final class ThreadTeam implements AutoCloseable {
    interface Work {
        void setup(int index);

        void run(int index);
    }

    private final Thread[] threads;
    private final CyclicBarrier start;
    private final CyclicBarrier end;
    private volatile boolean stop;
    private volatile Throwable failure;

    ThreadTeam(int count, Work work) throws InterruptedException {
        threads = new Thread[count];
        start = new CyclicBarrier(count + 1);
        end = new CyclicBarrier(count + 1);
        for (int i = 0; i < count; i++) {
            final int index = i;
            threads[i] = new Thread(() -> loop(index, work), "opbench-peaks-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        time(); // the setup round
    }

    private void loop(int index, Work work) {
        boolean setUp = false;
        try {
            while (true) {
                start.await();
                if (stop) {
                    return;
                }
                try {
                    if (!setUp) {
                        work.setup(index);
                        setUp = true;
                    } else {
                        work.run(index);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                end.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one repetition on every thread and returns its wall time in nanoseconds. */
    long time() throws InterruptedException {
        try {
            start.await();
            long t0 = System.nanoTime();
            end.await();
            long elapsed = System.nanoTime() - t0;
            if (failure != null) {
                throw new IllegalStateException("a measuring thread failed: " + failure, failure);
            }
            return elapsed;
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("measuring threads broke off", e);
        }
    }

    @Override
    public void close() {
        if (stop) {
            return;
        }
        stop = true;
        try {
            start.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
