package org.opbench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Counts;
import org.opbench.problem.Op;
import org.opbench.problem.ProblemException;
import org.opbench.problem.Problems;

/**
 * benchdnn's 2-D (and 1-D) convolution shapes, shipped as {@value #RESOURCE} (its header names the oneDNN commit),
 * and the small deterministic sample of them that the backend tests run against the reference.
 */
public final class BenchdnnCorpus {
    public static final String RESOURCE = "/benchdnn/conv-shapes-2d.txt.gz";
    /** Largest problem (FLOPs at batch 1) the sample takes: the reference loops must stay quick. */
    static final long SAMPLE_MAX_FLOPS = 20_000_000L;

    private BenchdnnCorpus() {
    }

    /** The corpus lines, comments dropped, in file order. */
    public static List<String> lines() {
        List<String> lines = new ArrayList<>();
        try (InputStream in = BenchdnnCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * A few dozen small problems at batch 1, spread evenly over the corpus sorted by descriptor: 20 with asymmetric
     * padding, 8 one-dimensional, 8 others.
     */
    public static List<ConvProblem> sample() {
        List<ConvProblem> asym = new ArrayList<>();
        List<ConvProblem> oneD = new ArrayList<>();
        List<ConvProblem> other = new ArrayList<>();
        for (String line : lines()) {
            ConvProblem p;
            try {
                p = ((ConvProblem) Problems.parse(Op.CONV, line)).withBatch(1);
            } catch (ProblemException e) {
                continue; // the few tensors beyond 2^31 elements; BenchdnnCorpusTest counts them
            }
            if (Counts.flops(p) > SAMPLE_MAX_FLOPS) {
                continue;
            }
            (!p.symmetricPadding() ? asym : p.ih() == 1 && p.kh() == 1 ? oneD : other).add(p);
        }
        List<ConvProblem> sample = new ArrayList<>();
        sample.addAll(spread(asym, 20));
        sample.addAll(spread(oneD, 8));
        sample.addAll(spread(other, 8));
        return sample;
    }

    private static List<ConvProblem> spread(List<ConvProblem> all, int n) {
        List<ConvProblem> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(ConvProblem::descriptor));
        List<ConvProblem> out = new ArrayList<>();
        for (int i = 0; i < n && i < sorted.size(); i++) {
            out.add(sorted.get((int) ((long) i * sorted.size() / n)));
        }
        return out;
    }
}
