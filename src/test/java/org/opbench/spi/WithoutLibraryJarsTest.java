package org.opbench.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.opbench.network.run.NetworkBackends;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.peaks.CeilingProvider;
import org.opbench.peaks.CeilingProviders;

/**
 * opbench's classes with only the jars the GPU check bundle carries (benchmarks/gpu/bundle.sh: picocli, Jackson,
 * JavaCPP and the CUDA preset; no oneDNN, ONNX Runtime, OpenCV, OpenCL or TensorRT jar): every operator backend,
 * network backend and ceiling provider must still be created by {@link java.util.ServiceLoader} and listed, and a
 * backend whose library jar is missing must probe as unavailable with a reason, not throw. A backend class that names
 * a library type where the JVM must load it to verify the class (an exception type in a catch clause) fails this.
 */
public class WithoutLibraryJarsTest {
    /** The backends whose library jars the bundle leaves out. */
    private static final List<String> WITHOUT_JAR = List.of("dnnl", "onnxruntime", "opencv", "opencl", "tensorrt");

    private static URL location(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    /** opbench's classes and the bundle's jars only, over the platform class loader (not the test's class path). */
    private static URLClassLoader bundleLoader() {
        return new URLClassLoader("bundle-like", new URL[] {
                location(Backends.class),
                location(picocli.CommandLine.class),
                location(com.fasterxml.jackson.databind.ObjectMapper.class),
                location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.annotation.JsonProperty.class),
                location(org.bytedeco.javacpp.Loader.class),
                location(org.bytedeco.cuda.global.cudart.class), // a class literal: loaded, not initialised
        }, ClassLoader.getPlatformClassLoader());
    }

    private static <T> T inContext(ClassLoader loader, Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    private interface Callable<T> {
        T call() throws Exception;
    }

    @Test
    void theLibrariesAreReallyMissingFromTheLoader() throws Exception {
        try (URLClassLoader loader = bundleLoader()) {
            for (String cls : List.of("ai.onnxruntime.OrtException", "org.bytedeco.dnnl.global.dnnl",
                    "org.bytedeco.opencv.global.opencv_dnn", "org.bytedeco.opencl.global.OpenCL",
                    "org.bytedeco.tensorrt.global.nvinfer")) {
                assertFalse(present(loader, cls), cls + " should not be visible");
            }
            assertTrue(present(loader, "org.bytedeco.cuda.global.cudnn"));
        }
    }

    private static boolean present(ClassLoader loader, String cls) {
        try {
            Class.forName(cls, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void everyProviderIsCreatedWithoutTheLibraryJars() throws Exception {
        Map<Class<?>, Class<?>> registries = Map.of(Backends.class, Backend.class,
                NetworkBackends.class, NetworkBackend.class, CeilingProviders.class, CeilingProvider.class);
        for (Map.Entry<Class<?>, Class<?>> e : registries.entrySet()) {
            try (URLClassLoader loader = bundleLoader()) {
                // what opbench's own services files declare (the loader sees no test classes and no other jar's)
                Set<String> declared = new TreeSet<>();
                for (URL u : Collections.list(loader.getResources("META-INF/services/" + e.getValue().getName()))) {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(u.openStream(),
                            StandardCharsets.UTF_8))) {
                        r.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                                .forEach(declared::add);
                    }
                }
                assertFalse(declared.isEmpty(), "no services file for " + e.getValue().getName());
                Class<?> registry = Class.forName(e.getKey().getName(), true, loader);
                Set<String> created = new TreeSet<>(inContext(loader, () -> {
                    Object r = registry.getMethod("load").invoke(null);
                    List<String> classes = new ArrayList<>();
                    for (Object provider : (List<?>) registry.getMethod("all").invoke(r)) {
                        classes.add(provider.getClass().getName());
                    }
                    return classes;
                }));
                assertEquals(declared, created, e.getKey().getSimpleName() + ": providers not created without the"
                        + " library jars (see the 'could not be instantiated' warning on standard error)");
            }
        }
    }

    @Test
    void aBackendWithoutItsJarIsUnavailableWithAReason() throws Exception {
        try (URLClassLoader loader = bundleLoader()) {
            Class<?> registry = Class.forName(Backends.class.getName(), true, loader);
            List<String> problems = new ArrayList<>();
            inContext(loader, () -> {
                Object r = registry.getMethod("load").invoke(null);
                Method get = registry.getMethod("get", String.class);
                Method availability = registry.getMethod("availability", Object.class);
                for (String name : WITHOUT_JAR) {
                    Object backend = get.invoke(r, name);
                    assertNotNull(backend, name + " is not listed");
                    Object a = availability.invoke(r, backend);
                    boolean available = (Boolean) a.getClass().getMethod("available").invoke(a);
                    String reason = (String) a.getClass().getMethod("reason").invoke(a);
                    if (available || reason == null || reason.isBlank()) {
                        problems.add(name + ": available=" + available + " reason=" + reason);
                    }
                }
                return null;
            });
            assertTrue(problems.isEmpty(), String.join("; ", problems));
        }
    }
}
