package org.opbench.backend.opencl.ops;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opbench.env.OpbenchHome;

/**
 * Finds opbench's {@code operators/} folder (the OpenCL kernel sources) and reads kernel files from it.
 * Looked up, in order: {@link OpbenchHome#operatorsDir()} (the {@code opbench.home} property, {@code OPBENCH_HOME},
 * or the installation found from the code's location); then {@code operators/} in the current directory or a parent;
 * then next to the location of these classes (a jar or a classes folder) or a parent of it.
 */
public final class KernelSources {
    public static final String DIR = "operators";
    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();
    /** A line {@code #include "name"} naming a file of the operators folder. */
    private static final Pattern INCLUDE = Pattern.compile("(?m)^#include \"([^\"/]+)\"[ \t]*$");

    private KernelSources() {
    }

    /** The operators folder, or an exception listing where it was looked for. */
    public static Path directory() throws IOException {
        List<Path> tried = new ArrayList<>();
        Path home = OpbenchHome.operatorsDir();
        if (isOperators(home)) {
            return home;
        }
        tried.add(home);
        Path found = walkUp(Path.of("").toAbsolutePath(), tried);
        if (found != null) {
            return found;
        }
        Path code = codeLocation();
        if (code != null) {
            found = walkUp(code, tried);
            if (found != null) {
                return found;
            }
        }
        throw new IOException("OpenCL kernel sources not found: no '" + DIR + "' folder with .cl files in " + tried
                + " (set -Dopbench.home or OPBENCH_HOME to the opbench installation)");
    }

    private static Path walkUp(Path start, List<Path> tried) {
        for (Path d = start; d != null; d = d.getParent()) {
            Path p = d.resolve(DIR);
            if (isOperators(p)) {
                return p;
            }
            tried.add(p);
        }
        return null;
    }

    private static boolean isOperators(Path p) {
        return Files.isRegularFile(p.resolve("gemm.cl"));
    }

    private static Path codeLocation() {
        try {
            CodeSource cs = KernelSources.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /**
     * The text of {@code operators/<file>} (read once per process), each line {@code #include "other"} replaced by
     * the text of {@code operators/other}: the program cache and the tuning keys, made from this text, then cover
     * the shared code too.
     */
    public static String read(String file) throws IOException {
        String t = TEXT.get(file);
        if (t == null) {
            t = pasteIncludes(Files.readString(directory().resolve(file), StandardCharsets.UTF_8));
            TEXT.put(file, t);
        }
        return t;
    }

    private static String pasteIncludes(String text) throws IOException {
        Matcher m = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(read(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
