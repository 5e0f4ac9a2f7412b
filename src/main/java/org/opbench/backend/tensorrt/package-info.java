/**
 * The {@code tensorrt} backend: TensorRT engines built from single-node ONNX models of the problem, one precision
 * per algorithm ({@code fp32}, {@code tf32}, {@code fp16}, {@code int8}), timed with CUDA events around
 * {@code enqueueV3}.
 *
 * <p>Building blocks for whole networks (the {@code network} command is not wired here):
 * {@link org.opbench.backend.tensorrt.EngineBuilder} builds a serialized engine from any ONNX bytes with a
 * precision, a workspace limit, an on-disk timing cache and (int8) a calibrator over seeded random batches;
 * {@link org.opbench.backend.tensorrt.EngineLayers} lists the layers and tactics of a built engine.
 *
 * <p>Per-layer <em>times</em> need an {@code nvinfer1::IProfiler} implemented in Java. The
 * {@code org.bytedeco:tensorrt:10.15-1.5.13} preset cannot do that: its {@code IProfiler} class has no
 * {@code allocate()} and {@code reportLayerTime} is not virtual, so there is no callback into Java (checked in the
 * class files and in {@code libjninvinfer.so}, which has callbacks for {@code ILogger} and the int8 calibrators but
 * none for {@code IProfiler}). Until a preset release virtualizes it, per-layer times have to come from elsewhere
 * (CUPTI activity records, or timing engines built from network prefixes).
 *
 * <p>Lifetime: TensorRT 10 removed {@code destroy()} and the preset attaches no deallocator to the objects the
 * factories return ({@code IBuilder}, {@code INetworkDefinition}, {@code IBuilderConfig}, {@code IParser},
 * {@code IHostMemory}, {@code IRuntime}, {@code ICudaEngine}, {@code IExecutionContext}; reported upstream as
 * bytedeco/javacpp-presets#1699), so Java cannot delete them. This backend therefore keeps one builder and one
 * runtime per process, gives each execution context device memory it allocates and frees itself
 * ({@code kUSER_MANAGED}), and frees every buffer, stream and event of a point on close; the engine objects of
 * each point (its weights on the device and the serialized plan on the host) stay allocated until the worker
 * process ends.
 */
package org.opbench.backend.tensorrt;
