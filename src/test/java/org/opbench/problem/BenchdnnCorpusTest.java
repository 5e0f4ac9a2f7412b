package org.opbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opbench.testing.BenchdnnCorpus;

/**
 * Every 2-D (and 1-D) convolution problem of benchdnn's own shape files parses, gets the output size and padding
 * benchdnn's rule gives, and its canonical descriptor is one benchdnn reads back to the same problem.
 */
class BenchdnnCorpusTest {
    /**
     * benchdnn's {@code conv::str2desc} spatial rules, ported line by line from oneDNN's
     * {@code tests/benchdnn/conv/conv_aux.cpp} (compute_out, compute_pad, sanitize_desc, init_pad_r): the oracle.
     * Returns {oh, ow, ph, pw, ph_r, pw_r, ih, iw}.
     */
    static long[] benchdnn(String descriptor) {
        Map<String, Long> d = new HashMap<>();
        for (String k : new String[] {"ic", "ih", "iw", "oc", "oh", "ow", "kh", "kw", "dh", "dw"}) {
            d.put(k, 0L);
        }
        d.put("sh", 1L);
        d.put("sw", 1L);
        d.put("ph", -1L);
        d.put("pw", -1L);
        Matcher m = Pattern.compile("([a-z]+)(\\d+)").matcher(descriptor);
        while (m.find()) {
            d.put(m.group(1), Long.parseLong(m.group(2)));
        }
        for (String a : new String[] {"h", "w"}) {
            boolean no = (d.get("i" + a) | d.get("k" + a) | d.get("o" + a) | d.get("d" + a)) == 0
                    && d.get("s" + a) == 1 && d.get("p" + a) < 1;
            if (no) {
                continue;
            }
            assertTrue(d.get("i" + a) > 0 && d.get("k" + a) > 0, descriptor + ": benchdnn needs i" + a + " and k" + a);
            long keff = (d.get("k" + a) - 1) * (d.get("d" + a) + 1) + 1;
            if (d.get("o" + a) == 0) {
                if (d.get("p" + a) < 0) {
                    d.put("p" + a, 0L);
                }
                d.put("o" + a, (d.get("i" + a) - keff + 2 * d.get("p" + a)) / d.get("s" + a) + 1);
                assertTrue(d.get("o" + a) > 0, descriptor + ": benchdnn deduces o" + a + " <= 0");
            } else if (d.get("p" + a) < 0) {
                d.put("p" + a, ((d.get("o" + a) - 1) * d.get("s" + a) - d.get("i" + a) + keff) / 2);
            }
        }
        boolean noH = d.get("oh") == 0;
        boolean noW = d.get("ow") == 0;
        assertTrue(!noH || !noW, descriptor + ": benchdnn needs a spatial dimension");
        String[] keys = {"o", "i", "k", "s", "p", "d"};
        long[] unit = {1, 1, 1, 1, 0, 0};
        for (int i = 0; i < keys.length; i++) {
            if (!noH && noW) {
                d.put(keys[i] + "w", d.get(keys[i] + "h"));
            }
            if (noH) {
                d.put(keys[i] + "h", unit[i]);
            }
        }
        long[] r = new long[8];
        String[] ax = {"h", "w"};
        for (int i = 0; i < 2; i++) {
            String a = ax[i];
            long keff = (d.get("k" + a) - 1) * (d.get("d" + a) + 1) + 1;
            r[i] = d.get("o" + a);
            r[2 + i] = d.get("p" + a);
            r[4 + i] = (d.get("o" + a) - 1) * d.get("s" + a) - d.get("i" + a) + keff - d.get("p" + a);
            r[6 + i] = d.get("i" + a);
        }
        return r;
    }

    @Test
    void sampleRunByTheBackendTestsIsSmallAndMixed() {
        List<ConvProblem> sample = BenchdnnCorpus.sample();
        assertEquals(36, sample.size());
        assertEquals(20, sample.stream().filter(p -> !p.symmetricPadding()).count());
        assertTrue(sample.stream().allMatch(p -> p.mb() == 1 && Counts.flops(p) <= 20_000_000L));
    }

    @Test
    void everyLineParsesAsBenchdnnReadsIt() {
        List<String> lines = BenchdnnCorpus.lines();
        assertTrue(lines.size() > 9000, "the corpus has " + lines.size() + " lines");
        int asymmetric = 0;
        int oneD = 0;
        int tooLarge = 0;
        for (String line : lines) {
            long[] b = benchdnn(line);
            ConvProblem p;
            try {
                p = (ConvProblem) Problems.parse(Op.CONV, line);
            } catch (ProblemException e) {
                if (tooLarge(line, b) && (e.getMessage().contains("elements, more than")
                        || e.getMessage().contains("value out of range"))) {
                    tooLarge++;
                    continue; // opbench's one documented limit: a tensor is one Java array
                }
                throw new AssertionError(line + ": " + e.getMessage(), e);
            }
            long[] ours = {p.oh(), p.ow(), p.ph(), p.pw(), endPad(p.ih(), p.oh(), p.kh(), p.sh(), p.ph(), p.dh()),
                endPad(p.iw(), p.ow(), p.kw(), p.sw(), p.pw(), p.dw()), p.ih(), p.iw()};
            assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(ours), line);
            // the padding libraries are given reproduces the output size with floor rounding
            assertTrue(p.padBottom() >= 0 && p.padRight() >= 0, line);
            assertEquals(p.oh(), Spatial.floorOutAsym(p.ih(), p.kh(), p.sh(), p.ph(), p.padBottom(), p.dh()), line);
            assertEquals(p.ow(), Spatial.floorOutAsym(p.iw(), p.kw(), p.sw(), p.pw(), p.padRight(), p.dw()), line);
            // canonical form: opbench reads it back to the same problem, benchdnn to the same sizes and padding
            assertEquals(p, Problems.parse(Op.CONV, p.toString()), line);
            assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(benchdnn(p.descriptor())), line);
            asymmetric += p.symmetricPadding() ? 0 : 1;
            oneD += line.contains("ih") || line.contains("kh") || line.contains("oh") ? 0 : 1;
        }
        assertTrue(asymmetric > 1000, asymmetric + " problems with asymmetric padding");
        assertTrue(oneD > 50, oneD + " 1-D problems");
        assertEquals(6, tooLarge, "problems refused for a tensor of more than 2^31 elements");
    }

    /** Whether benchdnn's sizes give a tensor beyond one Java array (benchdnn's mb defaults to 2, opbench's to 1). */
    private static boolean tooLarge(String line, long[] b) {
        Matcher m = Pattern.compile("(mb|ic|oc)(\\d+)").matcher(line);
        Map<String, Long> v = new HashMap<>(Map.of("mb", 1L));
        while (m.find()) {
            v.put(m.group(1), Long.parseLong(m.group(2)));
        }
        long limit = Integer.MAX_VALUE - 8;
        return v.get("mb") * v.get("ic") * b[6] * b[7] > limit || v.get("mb") * v.get("oc") * b[0] * b[1] > limit;
    }

    private static long endPad(int in, int out, int k, int s, int p, int d) {
        return (long) (out - 1) * s - in + ((k - 1) * (d + 1) + 1) - p;
    }
}
