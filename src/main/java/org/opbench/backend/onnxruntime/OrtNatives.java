package org.opbench.backend.onnxruntime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * ONNX Runtime's native libraries, unpacked once into opbench's cache and loaded from there. Left alone, the Java
 * binding unpacks its natives (about 28 MB) into a new {@code onnxruntime-java<random>} folder of the temporary
 * directory in every process that loads it (the driver, which probes, and each worker), and a killed process leaves
 * that copy behind. Its loader honours the system property {@value #PROPERTY} (a folder holding the libraries under
 * their {@link System#mapLibraryName} names); this class fills such a folder from the binding's own jar, keyed by
 * that jar's name and size so a new ORT version gets a new folder, and sets the property before the first ORT class
 * loads. A property set by the user is kept.
 */
final class OrtNatives {
    static final String PROPERTY = "onnxruntime.native.path";
    private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};

    private OrtNatives() {
    }

    /**
     * Points {@value #PROPERTY} at the cached copy under {@code cacheDir}, unpacking it the first time (atomically,
     * so concurrent processes agree). Nothing happens when the property is set already or when the jar carries no
     * libraries for this platform (ORT then reports its own error when it loads).
     */
    static synchronized void useCached(Path cacheDir) throws IOException {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String platform = platform();
        ClassLoader loader = OrtNatives.class.getClassLoader();
        String prefix = "ai/onnxruntime/native/" + platform + "/";
        URL first = loader.getResource(prefix + System.mapLibraryName(LIBRARIES[0]));
        if (platform == null || first == null) {
            return;
        }
        Path dir = cacheDir.toAbsolutePath().resolve("onnxruntime").resolve("natives").resolve(key(first))
                .resolve(platform);
        if (!complete(dir)) {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".unpack");
            try {
                for (String lib : LIBRARIES) {
                    String name = System.mapLibraryName(lib);
                    try (InputStream in = loader.getResourceAsStream(prefix + name)) {
                        if (in == null) {
                            return; // an incomplete jar: let ORT's own loader say what is missing
                        }
                        Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    // another process unpacked the same libraries first: use its copy
                }
            } finally {
                deleteTree(tmp);
            }
        }
        System.setProperty(PROPERTY, dir.toString());
    }

    private static boolean complete(Path dir) {
        for (String lib : LIBRARIES) {
            if (!Files.isRegularFile(dir.resolve(System.mapLibraryName(lib)))) {
                return false;
            }
        }
        return true;
    }

    /** The jar's file name and size, e.g. {@code onnxruntime-1.29.0.jar-54123456}; the resource path otherwise. */
    private static String key(URL resource) {
        String s = resource.toString();
        int bang = s.indexOf("!/");
        if (s.startsWith("jar:file:") && bang > 0) {
            try {
                Path jar = Path.of(new java.net.URI(s.substring(4, bang)));
                return jar.getFileName() + "-" + Files.size(jar);
            } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
                // fall through to the unversioned folder
            }
        }
        return "classpath";
    }

    /** The binding's name for this platform's folder in its jar ({@code linux-x64}, {@code linux-aarch64}, ...). */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
