package org.opbench.problem;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads shape-set files ({@code tensors/*.txt}). Format, one item per line:
 * <pre>
 * # comment
 * &#64;network mobilenet-v1-1.0-224
 * &#64;published 1.138 Howard et al. 2017, Table 8      (optionally: &#64;published 3.0 tolerance=6% SOURCE)
 * &#64;input 3x224x224
 * conv mb1ic3ih224iw224oc32oh112ow112kh3kw3sh2sw2ph1pw1g1n"conv1"
 * conv mb1ic512ih14iw14oc512oh14ow14kh3kw3sh1sw1ph1pw1g512n"conv4_2/dw" repeat=5
 * pool avg_np:mb1ic1024ih7iw7oh1ow1kh7kw7sh1sw1ph0pw0n"pool6"
 * fc   mb1ic1024ih1iw1oc1000n"fc7"
 * </pre>
 * Text after {@code #} on a layer line is a comment. Errors name the file and line.
 */
public final class ShapeSetReader {
    /** Files larger than this are refused before reading (a shape set is a few kilobytes). */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private ShapeSetReader() {
    }

    public static ShapeSet read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
        List<String> lines = readLines(file);
        String network = "";
        double published = Double.NaN;
        double tolerance = ShapeSet.DEFAULT_TOLERANCE;
        String source = "";
        List<Layer> layers = new ArrayList<>();
        long repeats = 0;
        long totalFlops = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            int hash = commentStart(line);
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            checkChars(file, lineNo, line);
            String[] parts = line.split("\\s+");
            try {
                if (parts[0].startsWith("@")) {
                    switch (parts[0]) {
                        case "@network" -> network = arg(file, lineNo, parts, 1);
                        case "@published" -> {
                            published = Numbers.parseDouble(arg(file, lineNo, parts, 1));
                            String rest = line.substring(line.indexOf(parts[1]) + parts[1].length()).strip();
                            if (rest.startsWith("tolerance=")) {
                                String tol = rest.split("\\s+")[0];
                                if (!tol.endsWith("%")) {
                                    throw new InputFileException(file, lineNo, tol + ": tolerance must be a percentage");
                                }
                                tolerance = Numbers.parseDouble(tol.substring(10, tol.length() - 1)) / 100;
                                rest = rest.substring(tol.length()).strip();
                            }
                            source = rest;
                        }
                        case "@input" -> arg(file, lineNo, parts, 1);
                        default -> throw new InputFileException(file, lineNo, "unknown directive " + parts[0]
                                + " (known: @network, @published, @input)");
                    }
                    continue;
                }
                Op op = Op.parse(parts[0]);
                if (parts.length < 2) {
                    throw new InputFileException(file, lineNo, "layer line has an operator but no descriptor");
                }
                int repeat = 1;
                for (int k = 2; k < parts.length; k++) {
                    if (parts[k].startsWith("repeat=")) {
                        repeat = Numbers.parseInt(parts[k].substring(7));
                        if (repeat < 1) {
                            throw new InputFileException(file, lineNo, "repeat must be at least 1, got " + parts[k]);
                        }
                    } else {
                        throw new InputFileException(file, lineNo, "unexpected '" + parts[k] + "' after the descriptor");
                    }
                }
                Layer layer = new Layer(Problems.parse(op, parts[1]), network, repeat);
                repeats = Sizes.toInt("repeat=" + repeat + ": the layer count", Sizes.sum("repeat=" + repeat
                        + ": the layer count", repeats, repeat));
                totalFlops = Sizes.sum("repeat=" + repeat + ": the total flops", totalFlops,
                        Sizes.product("repeat=" + repeat + ": the layer's flops", layer.problem().withBatch(1).flops(),
                                repeat));
                layers.add(layer);
            } catch (ProblemException e) {
                throw new InputFileException(file, lineNo, e.getMessage());
            } catch (NumberFormatException e) {
                throw new InputFileException(file, lineNo, "not a number: " + e.getMessage());
            }
        }
        if (layers.isEmpty()) {
            throw new InputFileException(file, 0, "no layers in shape set");
        }
        return new ShapeSet(name, network, published, tolerance, source, layers);
    }

    /** Position of the first {@code #} outside double quotes, or -1. */
    private static int commentStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String arg(Path file, int line, String[] parts, int i) {
        if (parts.length <= i) {
            throw new InputFileException(file, line, parts[0] + " needs a value");
        }
        return parts[i];
    }

    private static void checkChars(Path file, int line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0x7e) {
                throw new InputFileException(file, line, String.format(
                        "character U+%04X at column %d is not printable ASCII", (int) c, i + 1));
            }
        }
    }

    private static List<String> readLines(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputFileException(file, 0, Files.exists(file) ? "not a regular file" : "no such file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InputFileException(file, 0, "file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " a shape set may have");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new InputFileException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputFileException(file, 0, "cannot read: " + e.getMessage());
        }
    }
}
