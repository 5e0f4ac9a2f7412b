package org.opbench.network.run;

import java.nio.file.Path;
import java.util.List;
import org.opbench.network.ModelException;
import org.opbench.network.NetGraph;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxImport;

/**
 * A whole-network measurement for one worker (its backend, threads, settings, seed and options are the
 * {@link NetworkJob}'s).
 *
 * @param model        the model's name in records (built-in name or file name)
 * @param builtin      whether {@code model} is a built-in network (the worker rebuilds its graph from the
 *                     definition), else the graph is read from {@code structureFile}
 * @param modelFile    the ONNX file the backend runs
 * @param structureFile an ONNX file with the same graph and no weight data (imported models), or null
 * @param digest       the graph's digest (names reference outputs and seeds the input)
 * @param algorithm    the backend's algorithm
 * @param batches      batch sizes to measure in order (list mode), or the first batch (auto mode)
 * @param auto         double the batch after {@code batches.get(0)} until throughput stops improving, memory would
 *                     run out or {@code maxBatch} is passed
 * @param maxBatch     largest batch auto mode tries
 * @param minGain      auto mode stops when the throughput gain of a doubling is below this (0.05 = 5%); -1 never
 * @param maxMemoryMb  the worker's resident memory may not exceed this (null: what the machine has available)
 * @param profileRuns  runs under the framework's profiler for the per-layer records (0: none)
 * @param referenceDir where reference outputs (ONNX Runtime, no optimisation) are cached
 * @param tolerance    largest accepted relative error against the reference; null: the one
 *                     {@link org.opbench.measure.Tolerance#of} gives for what the session states it runs
 * @param dtype        the precision of {@code modelFile}: {@code f32}, or {@code int8} (its QDQ-quantised model)
 * @param referenceFile the fp32 model the reference output is computed from ({@code modelFile} when fp32)
 * @param modelBytes   the size of {@code modelFile}
 */
public record NetworkTask(String model, boolean builtin, String modelFile, String structureFile, String digest,
                          String algorithm, List<Integer> batches, boolean auto, int maxBatch, double minGain,
                          Long maxMemoryMb, int profileRuns, String referenceDir, Double tolerance, String dtype,
                          String referenceFile, Long modelBytes) {
    public NetworkTask {
        batches = List.copyOf(batches);
        dtype = dtype == null ? "f32" : dtype;
        referenceFile = referenceFile == null ? modelFile : referenceFile;
    }

    /** An fp32 model, which is its own reference. */
    public NetworkTask(String model, boolean builtin, String modelFile, String structureFile, String digest,
                       String algorithm, List<Integer> batches, boolean auto, int maxBatch, double minGain,
                       Long maxMemoryMb, int profileRuns, String referenceDir, Double tolerance) {
        this(model, builtin, modelFile, structureFile, digest, algorithm, batches, auto, maxBatch, minGain, maxMemoryMb,
                profileRuns, referenceDir, tolerance, "f32", modelFile, null);
    }

    public NetworkTask withBatches(List<Integer> remaining) {
        return new NetworkTask(model, builtin, modelFile, structureFile, digest, algorithm, remaining, auto, maxBatch,
                minGain, maxMemoryMb, profileRuns, referenceDir, tolerance, dtype, referenceFile, modelBytes);
    }

    /** The graph: rebuilt from the built-in definition, or read from the weightless copy of the file. */
    NetGraph graph() {
        if (builtin) {
            BuiltinNetwork n = Networks.get(model);
            if (n == null) {
                throw new ModelException(model, "no built-in network of that name");
            }
            return n.build();
        }
        return OnnxImport.read(Path.of(structureFile)).graph();
    }
}
