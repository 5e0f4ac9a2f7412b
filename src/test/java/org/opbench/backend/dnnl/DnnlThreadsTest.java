package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * oneDNN's thread count follows {@code OMP_NUM_THREADS} set before the process starts (what
 * {@link DnnlBackend#workerEnvironment} does for a worker): child JVMs started with 1 and 3 threads observe
 * 1 and 3 (3 is more than this machine's processors, so it cannot be the default), accept points for that
 * count and refuse others.
 */
class DnnlThreadsTest {
    @BeforeAll
    static void load() {
        DnnlTestSupport.backend();
    }

    @ParameterizedTest
    @CsvSource({"1,1,true", "3,3,true", "1,2,false", "3,1,false"})
    void childFollowsOmpNumThreads(int envThreads, int askedThreads, boolean supported) throws Exception {
        Map<String, String> out = runChild(envThreads, askedThreads);
        assertEquals(Integer.toString(envThreads), out.get("threads"), out.toString());
        assertTrue(out.get("source").startsWith("observed"), out.toString());
        assertEquals(Boolean.toString(supported), out.get("supports"), out.toString());
    }

    private static Map<String, String> runChild(int envThreads, int askedThreads) throws IOException,
            InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(null);
        Assumptions.assumeTrue(java != null, "the command of this JVM is not known, so no child JVM can be started");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ThreadCountMain.class.getName(), Integer.toString(askedThreads)));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(envThreads));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Assumptions.assumeFalse(values.containsKey("unavailable"), values.get("unavailable"));
        return values;
    }
}
