package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opbench.testing.Refusals.assertRefused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Assumptions;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;
import org.opbench.testing.Expectation;
import org.opbench.testing.ReferenceCheck;

/** The backend contract on onnxruntime, and its own facts: providers, optimisation levels, profiling, options. */
public class OnnxRuntimeBackendTest implements BackendContract {
    private static final OnnxRuntimeBackend BACKEND = new OnnxRuntimeBackend();

    @Override
    public Subject subject() {
        return new Subject(new OnnxRuntimeBackend(), expectedHere());
    }

    /** ONNX Runtime must load wherever its jar carries the native library for this OS and architecture. */
    static Expectation expectedHere() {
        String arch = System.getProperty("os.arch").replace("amd64", "x64").replace("x86_64", "x64");
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String platform = (os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : "win") + "-" + arch;
        return Expectation.onClassPath("ai/onnxruntime/native/" + platform + "/")
                ? Expectation.available("the ONNX Runtime jar has natives for " + platform)
                : Expectation.unavailable("cannot load the ONNX Runtime native library");
    }

    /**
     * {@code OrtSession.run} allocates its {@code Result} and the maps and arrays behind it on every call (about
     * 440 bytes with one input and one pinned output); the ONNX Runtime Java API has no allocation-free run.
     */
    @Override
    public long heapBytesPerRun() {
        return 512;
    }

    /** The probe's answer; every test that runs ONNX Runtime calls this first (here and in the other ORT tests). */
    public static Availability ready() {
        Availability a = BACKEND.probe();
        expectedHere().requireAvailable("onnxruntime", a);
        return a;
    }

    @Test
    void probeReportsVersionDeviceAndProviders() {
        Availability avail = ready();
        assertEquals("1.29.0", avail.version());
        assertTrue(avail.device().startsWith("cpu"), avail.device());
        assertTrue(avail.details().get("providers").contains("CPUExecutionProvider"), avail.details().toString());
    }

    @Test
    void algorithmsAreProviderTimesLevelWithCpuAllFirst() {
        List<String> algs = BACKEND.algorithms(Op.CONV);
        assertEquals("cpu-all", algs.get(0));
        assertTrue(algs.containsAll(List.of("cpu-layout", "cpu-extended", "cpu-basic", "cpu-none")), algs.toString());
        assertEquals(algs.size(), algs.stream().distinct().count());
    }

    @ParameterizedTest(name = "{0} {1} {2} t{3}")
    @CsvSource({
        // conv: plain, odd sizes + batch, grouped with non-square kernel and stride, depthwise stride 2, dilation
        "conv, mb1ic3ih5iw5oc4kh3kw3sh1sw1ph1pw1, cpu-all, 1",
        "conv, mb1ic3ih5iw5oc4kh3kw3sh1sw1ph1pw1, cpu-none, 1",
        "conv, mb3ic5ih9iw7oc6kh1kw1sh1sw1ph0pw0, cpu-all, 2",
        "conv, mb2ic4ih9iw7oc6kh3kw2sh2sw1ph1pw0g2, cpu-extended, 1",
        "conv, mb2ic4ih9iw7oc6kh3kw2sh2sw1ph1pw0g2, cpu-layout, 1",
        "conv, mb2ic8ih11iw13oc8kh3kw3sh2sw2ph1pw1g8, cpu-all, 2",
        "conv, mb2ic8ih11iw13oc8kh3kw3sh2sw2ph1pw1g8, cpu-basic, 1",
        "conv, mb1ic16ih10iw10oc16kh3kw3sh1sw1ph2pw2g16dh1dw1, cpu-all, 1",
        "conv, mb1ic4ih13iw10oc5kh5kw3sh1sw2ph2pw1dh1dw0, cpu-all, 1",
        "conv, mb2ic32ih14iw14oc48kh3kw3sh1sw1ph1pw1, cpu-all, 2",
        // fc: 4-D input flattened, batch > 1
        "fc, mb3ic5ih3iw2oc7, cpu-all, 1",
        "fc, mb1ic64oc10, cpu-none, 2",
        "fc, mb4ic32ih3iw3oc17, cpu-all, 2",
        // pool: all algorithms, padding, ceil mode, non-square
        "pool, max:mb2ic3ih7iw9kh3kw2sh2sw2ph1pw1, cpu-all, 1",
        "pool, max:mb1ic3ih6iw8oh3ow4kh3kw3sh2sw2ph0pw0, cpu-none, 2",
        "pool, avg_p:mb2ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1, cpu-all, 1",
        "pool, avg_np:mb2ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1, cpu-all, 2",
        "pool, avg_np:mb1ic5ih11iw7kh2kw2sh1sw1ph1pw1, cpu-basic, 1",
        "pool, avg_p:mb3ic4ih10iw10kh3kw3sh1sw1ph1pw1, cpu-none, 1",
        // softmax over channels, with spatial extent and batch
        "softmax, mb1ic1000, cpu-all, 1",
        "softmax, mb2ic5ih3iw4, cpu-all, 2",
        "softmax, mb3ic7ih2iw5, cpu-none, 1",
    })
    void matchesReference(String op, String descriptor, String algorithm, int threads) throws BackendException {
        ready();
        Problem p = Problems.parse(Op.parse(op), descriptor);
        ReferenceCheck.Ran ran = ReferenceCheck.run(BACKEND, p, new Variant(algorithm, "none", threads));
        assertTrue(ran.impl().startsWith("CPUExecutionProvider:"), ran.impl());
        assertEquals(algorithm.substring(4), ran.details().get("graph_optimization"));
    }

    @Test
    void implNamesProviderAndOperator() throws BackendException {
        ready();
        Problem p = Problems.parse(Op.POOL, "max:mb1ic3ih6iw6kh2kw2sh2sw2ph0pw0");
        try (PreparedOp op = BACKEND.prepare(p, new Variant("cpu-none", "none", 1), ProblemData.of(p, 1))) {
            assertEquals("CPUExecutionProvider:MaxPool", op.impl());
        }
    }

    @Test
    void profilingCountsEveryRunAndNamesKernels(@TempDir Path dir) throws BackendException {
        ready();
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih12iw12oc8kh3kw3sh1sw1ph1pw1");
        Variant v = new Variant("cpu-none", "none", 1, Map.of("profile", "true", "profile_dir", dir.toString()));
        try (PreparedOp op = BACKEND.prepare(p, v, ProblemData.of(p, 1))) {
            for (int i = 0; i < 7; i++) {
                op.run();
            }
            Map<String, Object> d = op.details();
            assertEquals(7, d.get("ort_profiled_runs"), d.toString());
            assertNotNull(d.get("ort_kernel_us_median"));
            assertEquals("Conv[conv]", d.get("ort_kernels"));
            assertEquals("CPUExecutionProvider:Conv kernels=Conv[conv]", op.impl());
            assertTrue(Files.isRegularFile(Path.of((String) d.get("ort_profile_file"))));
            assertTrue(Path.of((String) d.get("ort_profile_file")).startsWith(dir));
        }
    }

    @Test
    void outputStaysBoundAcrossRuns() throws BackendException {
        ready();
        Problem p = Problems.parse(Op.SOFTMAX, "mb2ic9ih2iw2");
        ProblemData data = ProblemData.of(p, 5);
        PreparedOp op = BACKEND.prepare(p, new Variant("cpu-all", "none", 2), data);
        for (int i = 0; i < 50; i++) {
            op.run();
        }
        assertTrue(Check.relativeError(op.output(), Reference.compute(data)) <= Tolerance.EXACT_ORDER);
        op.close();
    }

    @Test
    void unknownAlgorithmIsUnsupportedWithReason() {
        ready();
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic10");
        assertRefused(BACKEND.supports(p, new Variant("winograd", "none", 1)), "cpu-all");
        assertRefused(BACKEND.supports(p, new Variant("cpu-fastest", "none", 1)), "cpu-fastest");
        assertRefused(BACKEND.supports(p, new Variant("gpu-all", "none", 1)), "'gpu'");
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> BACKEND.prepare(p, new Variant("winograd", "none", 1), ProblemData.of(p, 1)));
        assertTrue(e.getMessage().contains("winograd"));
    }

    @Test
    void providerNotInThisBuildIsUnsupportedWithReason() {
        Assumptions.assumeFalse(ready().details().get("providers").contains("CUDAExecutionProvider"),
                "this ONNX Runtime build has the CUDAExecutionProvider");
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic10");
        Support s = BACKEND.supports(p, new Variant("cuda-all", "none", 1));
        assertFalse(s.supported());
        assertTrue(s.reason().contains("CUDAExecutionProvider") && s.reason().contains("not in this"), s.reason());
    }

    @Test
    void modelTooLargeForOneProtobufIsUnsupported() {
        Support s = BACKEND.supports(Problems.parse(Op.FC, "mb1ic25088oc25000"), new Variant("cpu-all", "none", 1));
        assertFalse(s.supported());
        assertTrue(s.reason().contains("2 GiB"), s.reason());
    }

    @Test
    void badOptionsAreRefusedByName() {
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic10");
        assertRefused(BACKEND.supports(p, new Variant("cpu-all", "none", 1, Map.of("profil", "true"))),
                "onnxruntime.profil");
        assertRefused(BACKEND.supports(p, new Variant("cpu-all", "none", 1, Map.of("spin", "yes"))), "'yes'");
        assertTrue(BACKEND.supports(p, new Variant("cpu-all", "none", 1, Map.of("spin", "true"))).supported());
    }

    @Test
    void workerEnvironmentPointsEveryWriteUnderTheCacheDir(@TempDir Path cache) {
        Map<String, String> env = BACKEND.workerEnvironment(2, cache);
        for (String key : List.of("HOME", "XDG_CACHE_HOME", "TMPDIR", OrtDirs.DIR_ENV)) {
            assertTrue(Path.of(env.get(key)).startsWith(cache.toAbsolutePath().resolve("onnxruntime")), key);
        }
    }
}
