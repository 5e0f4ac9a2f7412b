package org.opbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorTest {

    @Test
    void fullConvDescriptorParsesToItsFields() {
        ConvProblem c = (ConvProblem) Problems.parse(Op.CONV,
                "mb1ic32ih112iw112oc64oh112ow112kh3kw3sh1sw1ph1pw1g1n\"conv1\"");
        assertEquals(new ConvProblem(Precision.F32, 1, 1, 32, 112, 112, 64, 112, 112, 3, 3, 1, 1, 1, 1, 0, 0, "conv1"), c);
    }

    @Test
    void benchdnnDefaultsFillMissingKeys() {
        ConvProblem c = (ConvProblem) Problems.parse(Op.CONV, "ic3ih224oc64kh7sh2ph3");
        assertEquals(1, c.mb());
        assertEquals(224, c.iw());
        assertEquals(7, c.kw());
        assertEquals(2, c.sw());
        assertEquals(3, c.pw());
        assertEquals(1, c.g());
        assertEquals(112, c.oh());
        assertEquals(112, c.ow());
    }

    @Test
    void paddingIsDerivedFromAGivenOutputSize() {
        ConvProblem c = (ConvProblem) Problems.parse(Op.CONV, "mb1ic32ih112oc64oh112kh3");
        assertEquals(1, c.ph());
        assertEquals(1, c.pw());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb1ic32ih112iw112oc64oh112ow112kh3kw3sh1sw1ph1pw1g1n\"conv1\"",
        "mb2ic512ih14iw14oc512oh14ow14kh3kw3sh1sw1ph1pw1g512n\"dw\"",
        "mb1ic64ih56iw40oc128oh28ow40kh3kw1sh2sw1ph1pw0g2",
        "mb1ic16ih20iw20oc16oh16ow16kh3kw3sh1sw1ph0pw0g1dh1dw1"
    })
    void convPrintThenParseGivesTheSameProblem(String text) {
        Problem p = Problems.parse(Op.CONV, text);
        assertEquals(p, Problems.parse(Op.CONV, p.toString()));
        assertEquals(p.withName(""), Problems.parse(Op.CONV, p.descriptor()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "fc;mb8ic2048ih7iw7oc1000n\"fc\"",
        "fc;ic1024oc1000",
        "pool;max:mb1ic64ih112iw112oh56ow56kh3kw3sh2sw2ph0pw0n\"pool1\"",
        "pool;avg_p:mb1ic1024ih7oh1kh7",
        "pool;avg_np:mb1ic96ih111oh55kh3sh2",
        "softmax;mb4ic1000",
        "softmax;mb1ic21ih32iw32n\"seg\""
    })
    void otherOperatorsRoundTrip(String op, String text) {
        Problem p = Problems.parse(Op.parse(op), text);
        assertEquals(p, Problems.parse(Op.parse(op), p.toString()));
    }

    @Test
    void ceilModePoolingOutputIsAccepted() {
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, "max:mb1ic64ih112oh56kh3sh2");
        assertEquals(0, p.ph());
        assertTrue(p.ceilMode());
        assertEquals(1, p.padBottom());
        PoolProblem floor = (PoolProblem) Problems.parse(Op.POOL, "max:mb1ic64ih112oh55kh3sh2");
        assertEquals(false, floor.ceilMode());
    }

    @Test
    void givenOutputSizeDerivesPaddingAsBenchdnn() {
        // TensorFlow SAME with stride 2: benchdnn derives ph = ((112-1)*2 - 224 + 3) / 2 = 0, the bottom gets 1
        ConvProblem same = (ConvProblem) Problems.parse(Op.CONV, "mb1ic3ih224oc32oh112kh3sh2");
        assertEquals(0, same.ph());
        assertEquals(0, same.pw());
        assertEquals(1, same.padBottom());
        assertEquals(1, same.padRight());
        assertFalse(same.symmetricPadding());
        assertEquals(2L * 32 * 112 * 112 * 3 * 9, Counts.flops(same));
        assertEquals(same, Problems.parse(Op.CONV, same.toString()));
        // a negative padding means "derive it", as benchdnn's unset value
        assertEquals(same, Problems.parse(Op.CONV, "mb1ic3ih224oc32oh112kh3sh2ph-1"));
        // given top padding and output: the bottom padding is what the output implies (here 2, top 1)
        ConvProblem given = (ConvProblem) Problems.parse(Op.CONV, "mb1ic8ih10oc8oh6kh3sh2ph1");
        assertEquals(1, given.ph());
        assertEquals(2, given.padBottom());
        // symmetric padding that gives the output keeps it (bottom row never reached)
        ConvProblem sym = (ConvProblem) Problems.parse(Op.CONV, "mb1ic3ih224oc32oh112kh3sh2ph1");
        assertTrue(sym.symmetricPadding());
        assertEquals(1, sym.padBottom());
        // 1x1 stride 2 on an even input: benchdnn's end padding is -1, a library is given 0
        ConvProblem crop = (ConvProblem) Problems.parse(Op.CONV, "mb1ic8ih56oc8oh28kh1sh2ph0");
        assertEquals(0, crop.padBottom());
        assertTrue(crop.symmetricPadding());
    }

    @Test
    void oneDimensionalConvolutionRunsAs2dWithHeightOne() {
        ConvProblem p = (ConvProblem) Problems.parse(Op.CONV, "g128ic128iw16oc128ow16kw3sw1pw1");
        assertEquals(1, p.ih());
        assertEquals(1, p.kh());
        assertEquals(1, p.oh());
        assertEquals(0, p.ph());
        assertEquals(16, p.ow());
        assertEquals(p, Problems.parse(Op.CONV, p.toString()));
    }

    @Test
    void widthWithItsOwnKernelTakesBenchdnnDefaults() {
        // benchdnn: W gives iw and kw, so its missing stride is 1 and its padding is derived from ow
        ConvProblem p = (ConvProblem) Problems.parse(Op.CONV, "mb1g16ic16oc16ih15oh7kh6sh2ph3iw10ow10kw3");
        assertEquals(1, p.sw());
        assertEquals(1, p.pw());
        assertEquals(2, p.sh());
        // without kw (which benchdnn refuses) W takes H's kernel, stride and padding: opbench's shorthand
        ConvProblem q = (ConvProblem) Problems.parse(Op.CONV, "mb1ic3ih224iw224oc32kh3sh2ph1");
        assertEquals(3, q.kw());
        assertEquals(2, q.sw());
        assertEquals(1, q.pw());
    }

    @Test
    void sameAsymmetricPoolingIsAccepted() {
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, "max:mb1ic8ih10oh5kh3sh2ph0");
        assertEquals(0, p.ph());
        assertEquals(1, p.padBottom());
        assertEquals(p, Problems.parse(Op.POOL, p.toString()));
        // a window wholly in the padding is refused, naming the output size
        ProblemException e = assertThrows(ProblemException.class,
                () -> Problems.parse(Op.POOL, "max:mb1ic8ih10oh9kh3sh2ph0"));
        assertEquals("oh9", e.token());
    }

    @Test
    void ckConvShapeStringParses() {
        ConvProblem c = (ConvProblem) Problems.parse(Op.CONV, "512-14-14-1-512-1-0");
        assertEquals(new ConvProblem(Precision.F32, 1, 1, 512, 14, 14, 512, 14, 14, 1, 1, 1, 1, 0, 0, 0, 0, ""), c);
        ConvProblem s2 = (ConvProblem) Problems.parse(Op.CONV, "3-224-224-3-32-2-1");
        assertEquals(112, s2.oh());
        assertEquals(c, Problems.parse(Op.CONV, c.toString()));
    }

    @Test
    void ckFcShapeStringParses() {
        FcProblem f = (FcProblem) Problems.parse(Op.FC, "1024-1-1-1000-1-1");
        assertEquals(new FcProblem(Precision.F32, 1, 1024, 1, 1, 1000, ""), f);
        assertEquals(f, Problems.parse(Op.FC, f.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "conv;mb1ic3ih0oc8;ih0",
        "conv;mb1ic3ih-4oc8;ih-4",
        "conv;mb0ic3ih8oc8;mb0",
        "conv;mb1ic3ih8oc8xy3;xy3",
        "conv;mb1ic3ih8oc8g2;g2",
        "conv;mb1ic32ih112oc64oh100kh3ph1;oh100",
        "conv;mb1ic32ih112oc64oh200kh3;oh200",
        "conv;mb1ic32ih112oc64kh3kh5;kh5",
        "conv;mb1ic32ih112oc64kh3id3;id3",
        "conv;mb1ic3ih4oc8kh9;kh9",
        "conv;mb1ic3ih8oc8ow99;ow99",
        "fc;mb1ic3oc0;oc0",
        "fc;mb1ic3oc8kh3;kh3",
        "pool;mb1ic3ih8kh2;mb1ic3ih8kh2",
        "pool;med:mb1ic3ih8kh2;med",
        "pool;max:mb1ic3ih8oh7kh2sh2;oh7",
        "conv;512-14-14-1-512-0-0;0",
        "conv;512-14-14-1-512-1;512-14-14-1-512-1",
        "conv;512-14-x-1-512-1-0;x",
        "fc;1024-1-1-1000-2-1;1024-1-1-1000-2-1",
        "softmax;mb1ic1000ih1iw0;iw0"
    })
    void errorsNameTheOffendingToken(String op, String text, String token) {
        ProblemException e = assertThrows(ProblemException.class, () -> Problems.parse(Op.parse(op), text));
        assertEquals(token, e.token(), e.getMessage());
        assertTrue(e.getMessage().contains(token), e.getMessage());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> Problems.parse(Op.CONV, "mb1ih8oc8"));
        assertTrue(e.getMessage().contains("'ic'"), e.getMessage());
    }

    @Test
    void controlCharactersAndNonAsciiAreRejectedReadably() {
        ProblemException e = assertThrows(ProblemException.class, () -> Problems.parse(Op.CONV, "mb1ic3\u0007ih8oc8"));
        assertTrue(e.getMessage().contains("\\u0007"), e.getMessage());
        ProblemException n = assertThrows(ProblemException.class,
                () -> Problems.parse(Op.CONV, "mb1ic3ih8oc8n\"caf\u00e9\""));
        assertTrue(n.getMessage().contains("printable ASCII"), n.getMessage());
    }

    @Test
    void tensorsThatCannotExistAreRejected() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> Problems.parse(Op.CONV, "mb100000ic1000ih1000oc1000"));
        assertTrue(e.getMessage().contains("elements"), e.getMessage());
    }

    @Test
    void unknownOperatorIsNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> Op.parse("lrn"));
        assertEquals("lrn", e.token());
    }

    @Test
    void withBatchChangesOnlyTheBatch() {
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih10oc4kh3n\"x\"");
        Problem b = p.withBatch(8);
        assertEquals(8, b.mb());
        assertEquals(p, b.withBatch(1));
        assertEquals("x", b.name());
    }
}
