package org.opbench.network.profile;

/**
 * One kernel (ONNX Runtime) or layer (OpenCV) as the framework's profiler reports it, with its median time over
 * the profiled runs.
 *
 * @param name   the framework's name for it (after its graph optimisations)
 * @param op     the framework's operator type
 * @param us     median time per run in microseconds
 * @param layer  the graph layer the name refers to (the backend resolves names), or null when it refers to none
 *               (a kernel the framework inserted, such as ONNX Runtime's layout reorders)
 */
public record KernelTiming(String name, String op, double us, String layer) {
}
