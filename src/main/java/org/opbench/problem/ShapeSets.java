package org.opbench.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shape sets of a directory ({@code tensors/}), and resolution of a set name or a file path. */
public final class ShapeSets {
    private ShapeSets() {
    }

    /** Names of the sets in {@code dir}, sorted. */
    public static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A set by name (a file {@code NAME.txt} in {@code dir}) or by path (anything with a slash or ending in .txt
     * that exists).
     */
    public static ShapeSet resolve(String nameOrPath, Path dir) {
        Path asPath = Path.of(nameOrPath);
        boolean looksLikePath = nameOrPath.contains("/") || nameOrPath.endsWith(".txt");
        if (looksLikePath || (Files.isRegularFile(asPath) && !Files.isRegularFile(dir.resolve(nameOrPath + ".txt")))) {
            return ShapeSetReader.read(asPath);
        }
        Path file = dir.resolve(nameOrPath + ".txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown shape set '" + nameOrPath + "' (known: "
                    + String.join(", ", names(dir)) + "; or give a file path)");
        }
        return ShapeSetReader.read(file);
    }
}
