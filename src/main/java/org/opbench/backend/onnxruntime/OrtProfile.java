package org.opbench.backend.onnxruntime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-run figures from an ONNX Runtime session profile (Chrome trace JSON: an array of complete events with
 * {@code ts} and {@code dur} in microseconds). Every {@code model_run} event is one {@code OrtSession.run}; the
 * {@code Node} events named {@code <node>_kernel_time} whose start lies inside it are the kernels that run executed
 * ({@code args.op_name}, {@code args.provider}). Session set-up events are ignored.
 *
 * @param kernelUs   per run, the summed kernel durations (µs)
 * @param modelRunUs per run, the duration of ORT's own {@code model_run} event (µs)
 * @param kernels    the kernels of the last run, in execution order
 * @param runKernels per run, every kernel with its duration (µs), in execution order
 */
public record OrtProfile(long[] kernelUs, long[] modelRunUs, List<Kernel> kernels, List<List<KernelTime>> runKernels) {

    /** One kernel as ORT reports it: node name (after graph optimisation), operator and provider. */
    public record Kernel(String node, String op, String provider) {
    }

    /** A kernel of one run and its duration in microseconds. */
    public record KernelTime(Kernel kernel, long us) {
    }

    private record Event(String cat, String name, long ts, long dur, JsonNode args) {
    }

    /** Parses a profile file, streaming the event array so long profiles need not be held as one tree. */
    public static OrtProfile parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    public static OrtProfile parse(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Event> runs = new ArrayList<>();
        List<Event> nodes = new ArrayList<>();
        try (JsonParser p = new JsonFactory(mapper).createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("ONNX Runtime profile is not a JSON array of events");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode e = p.readValueAsTree();
                Event ev = new Event(e.path("cat").asText(), e.path("name").asText(), e.path("ts").asLong(),
                        e.path("dur").asLong(), e.path("args"));
                if (ev.cat.equals("Session") && ev.name.equals("model_run")) {
                    runs.add(ev);
                } else if (ev.cat.equals("Node") && ev.name.endsWith("_kernel_time")) {
                    nodes.add(ev);
                }
            }
        }
        long[] kernelUs = new long[runs.size()];
        long[] modelRunUs = new long[runs.size()];
        List<Kernel> last = List.of();
        List<List<KernelTime>> perRun = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Event run = runs.get(r);
            modelRunUs[r] = run.dur;
            List<Kernel> ks = new ArrayList<>();
            List<KernelTime> times = new ArrayList<>();
            for (Event n : nodes) {
                if (n.ts >= run.ts && n.ts <= run.ts + run.dur) {
                    kernelUs[r] += n.dur;
                    String node = n.name.substring(0, n.name.length() - "_kernel_time".length());
                    Kernel k = new Kernel(node, n.args.path("op_name").asText(), n.args.path("provider").asText());
                    ks.add(k);
                    times.add(new KernelTime(k, n.dur));
                }
            }
            last = ks;
            perRun.add(List.copyOf(times));
        }
        return new OrtProfile(kernelUs, modelRunUs, List.copyOf(last), List.copyOf(perRun));
    }

    public int runs() {
        return kernelUs.length;
    }

    /** Figures for a result's {@code details}: per-run kernel time and ORT run time, median/min/max in µs. */
    public Map<String, Object> details(String provider) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ort_profiled_runs", runs());
        if (runs() > 0) {
            long[] k = kernelUs.clone();
            Arrays.sort(k);
            long[] r = modelRunUs.clone();
            Arrays.sort(r);
            m.put("ort_kernel_us_median", median(k));
            m.put("ort_kernel_us_min", k[0]);
            m.put("ort_kernel_us_max", k[k.length - 1]);
            m.put("ort_model_run_us_median", median(r));
            m.put("ort_kernels", kernelList(provider));
        }
        return m;
    }

    /**
     * Kernels of the last run, e.g. {@code ReorderInput,Conv[y_nchwc],ReorderOutput}: operator, then the node name
     * in brackets where it differs, prefixed by {@code provider/} where the kernel ran on another provider than
     * {@code provider}.
     */
    public String kernelList(String provider) {
        StringBuilder b = new StringBuilder();
        for (Kernel k : kernels) {
            if (b.length() > 0) {
                b.append(',');
            }
            if (!k.provider.equals(provider)) {
                b.append(k.provider).append('/');
            }
            b.append(k.op);
            if (!k.node.equals(k.op)) {
                b.append('[').append(k.node).append(']');
            }
        }
        return b.toString();
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
