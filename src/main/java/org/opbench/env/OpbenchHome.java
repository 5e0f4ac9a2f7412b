package org.opbench.env;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where opbench's own files are: the installation (holding {@code tensors/} and {@code operators/}),
 * the cache directory, the version and the git commit it was built from.
 *
 * <p>The home is, in order: the {@code opbench.home} system property, the {@code OPBENCH_HOME} environment
 * variable (set by the {@code ./opbench} script), the nearest ancestor of the code's location or of the
 * working directory that holds {@code tensors/}.
 */
public final class OpbenchHome {
    private OpbenchHome() {
    }

    public static Path home() {
        String prop = System.getProperty("opbench.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String env = System.getenv("OPBENCH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        for (Path start : candidates()) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("tensors"))) {
                    return p;
                }
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static List<Path> candidates() {
        List<Path> list = new ArrayList<>();
        try {
            list.add(Path.of(OpbenchHome.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // unusual class loader: fall back to the working directory
        }
        list.add(Path.of("").toAbsolutePath());
        return list;
    }

    public static Path tensorsDir() {
        return home().resolve("tensors");
    }

    public static Path operatorsDir() {
        return home().resolve("operators");
    }

    /**
     * opbench's cache (JavaCPP natives excepted): tuning files, compiled kernels, library caches and
     * temporary files. {@code OPBENCH_CACHE}, else {@code $XDG_CACHE_HOME/opbench}, else {@code ~/.cache/opbench}.
     */
    public static Path cacheDir() {
        String env = System.getenv("OPBENCH_CACHE");
        Path dir;
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("opbench");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create cache directory " + dir + ": " + e.getMessage(), e);
        }
        return dir.toAbsolutePath();
    }

    public static String version() {
        String v = OpbenchHome.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }

    /** The commit of the home's git checkout (read from {@code .git}, no git process), or "unknown". */
    public static String gitCommit() {
        Path git = home().resolve(".git");
        try {
            if (Files.isRegularFile(git)) { // a worktree: "gitdir: PATH"
                git = Path.of(Files.readString(git).strip().substring("gitdir:".length()).strip());
            }
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            for (Path dir : new Path[] {git, commonDir(git)}) {
                Path refFile = dir.resolve(ref);
                if (Files.isRegularFile(refFile)) {
                    return Files.readString(refFile).strip();
                }
                Path packed = dir.resolve("packed-refs");
                if (Files.isRegularFile(packed)) {
                    for (String line : Files.readAllLines(packed)) {
                        if (line.endsWith(" " + ref)) {
                            return line.substring(0, line.indexOf(' '));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static Path commonDir(Path git) throws IOException {
        Path common = git.resolve("commondir");
        return Files.isRegularFile(common) ? git.resolve(Files.readString(common).strip()).normalize() : git;
    }
}
