/**
 * The {@code tensorrt} backend: TensorRT engines built from single-node ONNX models of the problem, one precision
 * per algorithm ({@code fp32}, {@code tf32}, {@code fp16}, {@code int8}), timed with CUDA events around
 * {@code enqueueV3}.
 *
 * <p>Whole networks ({@code org.opbench.network.tensorrt}) share the building blocks:
 * {@link org.opbench.backend.tensorrt.EngineBuilder} builds a serialized engine from any ONNX bytes with a
 * precision, a workspace limit, an optimization profile for a free batch dimension, an on-disk timing cache and
 * (int8) a calibrator over seeded random batches; {@link org.opbench.backend.tensorrt.TrtEngines} deserializes it,
 * makes execution contexts and lists the engine's layers and tactics ({@link org.opbench.backend.tensorrt.EngineLayers}).
 *
 * <p>Two things the {@code org.bytedeco:tensorrt:10.15-1.5.13} preset cannot do from Java are done by opbench's own
 * C++ in {@code native/tensorrt/opbench_trt.h} ({@link org.opbench.backend.tensorrt.TrtNative}, built with the jar
 * where a C++ compiler is installed):
 * <ul>
 *   <li>Per-layer times need an {@code nvinfer1::IProfiler}; the preset's {@code IProfiler} has no
 *       {@code allocate()} and a non-virtual {@code reportLayerTime}, so there is no callback into Java.
 *       {@link org.opbench.backend.tensorrt.LayerProfiler} is a C++ collector instead.</li>
 *   <li>TensorRT 10 removed {@code destroy()} and the preset attaches no deallocator to the objects the factories
 *       return (bytedeco/javacpp-presets#1699). {@link org.opbench.backend.tensorrt.TrtNatives#delete} deletes
 *       {@code INoCopy}-derived objects as C++ {@code delete} does: after a build the network definition, builder
 *       config, timing cache and plan; on close each point's execution contexts, then its engine. The process's
 *       builder and runtime are kept ({@link org.opbench.backend.tensorrt.TrtLibrary}); the ONNX parser (not
 *       {@code INoCopy}-derived, its destructor's vtable slot depends on the version) is never deleted, so its copy
 *       of the weights stays until the process exits. Without the binding every TensorRT object of a point stays
 *       allocated until the worker exits; {@code details.trt_objects_freed} says which applies.</li>
 * </ul>
 * Buffers, streams, events and execution-context memory are opbench's own ({@code kUSER_MANAGED}) and always freed.
 */
package org.opbench.backend.tensorrt;
