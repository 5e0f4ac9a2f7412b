package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Problems;

/**
 * Checks {@link ConvPath}'s Winograd conditions against OpenCV itself: Winograd changes the rounding, so the
 * outputs with Winograd enabled ({@code auto}) and disabled ({@code direct}) differ bitwise exactly when OpenCV
 * ran Winograd; every other kernel ignores the switch and gives identical bits.
 */
class OpenCvWinogradTest {
    @BeforeEach
    void available() {
        OpenCvTestSupport.ready();
    }

    private static List<ConvProblem> grid() {
        List<ConvProblem> list = new ArrayList<>();
        int[][] kernels = {{3, 3}, {3, 5}, {1, 1}, {5, 5}};
        int[][] strides = {{1, 1}, {2, 2}, {2, 1}};
        int[][] inputs = {{16, 16}, {12, 13}, {11, 16}};
        int[] pads = {0, 1, 2};
        String[] groups = {"ic3oc5g1", "ic4oc6g2", "ic4oc4g4"};
        for (int[] k : kernels) {
            for (int[] s : strides) {
                for (int[] in : inputs) {
                    for (int pad : pads) {
                        for (String g : groups) {
                            for (int dil = 0; dil <= 1; dil++) {
                                int keffH = (k[0] - 1) * (dil + 1) + 1;
                                int keffW = (k[1] - 1) * (dil + 1) + 1;
                                if (pad >= keffH || pad >= keffW || (dil == 1 && (s[0] != 1 || k[0] == 1))) {
                                    continue;
                                }
                                list.add((ConvProblem) Problems.parse(Op.CONV, "mb1" + g.replaceAll("g\\d+$", "")
                                        + "ih" + in[0] + "iw" + in[1] + "kh" + k[0] + "kw" + k[1] + "sh" + s[0]
                                        + "sw" + s[1] + "ph" + pad + "pw" + pad + "dh" + dil + "dw" + dil
                                        + g.substring(g.lastIndexOf('g'))));
                            }
                        }
                    }
                }
            }
        }
        return list;
    }

    @Test
    void outputsDifferExactlyWhenTheInferredPathIsWinograd() throws Exception {
        List<ConvProblem> problems = grid();
        int winograd = 0;
        List<String> wrong = new ArrayList<>();
        for (ConvProblem p : problems) {
            float[] enabled = OpenCvTestSupport.output(p, "auto", 1);
            float[] disabled = OpenCvTestSupport.output(p, "direct", 1);
            boolean differs = !Arrays.equals(enabled, disabled);
            boolean predicted = ConvPath.of(p, true) == ConvPath.WINOGRAD_F63;
            if (predicted) {
                winograd++;
            }
            if (differs != predicted) {
                wrong.add(p + " predicted " + ConvPath.of(p, true) + " but outputs "
                        + (differs ? "differ" : "are identical"));
            }
        }
        assertEquals(List.of(), wrong, "of " + problems.size() + " problems");
        assertTrue(winograd >= 5 && winograd < problems.size(), "grid covers both cases: " + winograd);
    }

    @Test
    void autoIsOpenCvsDefaultWithWinogradOn() throws Exception {
        ConvProblem p = (ConvProblem) Problems.parse(Op.CONV, "mb1ic8ih20iw20oc8kh3kw3ph1pw1");
        assertArrayEquals(OpenCvTestSupport.output(p, "winograd", 2), OpenCvTestSupport.output(p, "auto", 2));
    }
}
