package org.opbench.testing;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.reference.Reference;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * Test-only backend that misbehaves on purpose, chosen by the layer name: {@code crash} writes to address 0
 * (a real SIGSEGV that kills the worker JVM), {@code hang} never returns from {@code run()}, {@code hog} allocates
 * native memory without bound, {@code wrong} returns a wrong answer, {@code killed} sends its worker SIGKILL (as the
 * kernel's out-of-memory killer does), {@code late-crash} computes correctly for its first half second, then
 * crashes like {@code crash} (in a timed round: after its check and warm-up). Any other layer is computed correctly
 * with the reference loops.
 */
public final class FaultyBackend extends AnyProblemBackend {
    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public Availability probe() {
        return Availability.available("test", "cpu:test", java.util.Map.of());
    }

    @Override
    public long nativeBytes(Problem problem, Variant variant) {
        return 0;
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
        String mode = problem.name();
        if (mode.equals("hog")) {
            List<ByteBuffer> held = new ArrayList<>();
            while (true) {
                held.add(ByteBuffer.allocateDirect(64 << 20));
            }
        }
        float[] dst = new float[Math.toIntExact(problem.dstElements())];
        Reference.Scratch scratch = Reference.scratch(problem);
        return new PreparedOp() {
            private long firstRun;

            @Override
            public void run() {
                if (firstRun == 0) {
                    firstRun = System.nanoTime();
                }
                if (mode.equals("late-crash") && System.nanoTime() - firstRun > 500_000_000L) {
                    segfault();
                }
                switch (mode) {
                    case "crash" -> segfault();
                    case "killed" -> sigkill();
                    case "hang" -> {
                        while (true) {
                            Thread.onSpinWait();
                        }
                    }
                    default -> Reference.compute(data, dst, scratch);
                }
            }

            @Override
            public float[] output() {
                if (mode.equals("wrong")) {
                    dst[0] += 1;
                }
                return dst;
            }

            @Override
            public Execution execution() {
                return Execution.f32(variant.algorithm(), "faulty:" + mode, Transform.NONE);
            }

            @Override
            public void close() {
            }
        };
    }

    private static void segfault() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((sun.misc.Unsafe) f.get(null)).putAddress(0L, 0L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sigkill() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
