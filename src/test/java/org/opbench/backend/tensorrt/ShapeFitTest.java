package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The run-time shape given to a network engine's optimization profile must fit the model's declared input. */
class ShapeFitTest {
    private static final long[] FREE_BATCH = {-1, 3, 224, 224};

    @Test
    void aShapeFitsWhenItFillsTheFreeDimensionsAndKeepsTheFixedOnes() {
        assertTrue(ShapeFit.fits(FREE_BATCH, new long[] {8, 3, 224, 224}));
        assertFalse(ShapeFit.fits(FREE_BATCH, new long[] {8, 3, 128, 128}));
        assertFalse(ShapeFit.fits(FREE_BATCH, new long[] {0, 3, 224, 224}));
        assertFalse(ShapeFit.fits(FREE_BATCH, new long[] {8, 3, 224}));
        assertFalse(ShapeFit.fits(FREE_BATCH, null));
    }

    @Test
    void freeDimensionsPrintAsQuestionMarks() {
        assertEquals("[?, 3, 224, 224]", ShapeFit.text(FREE_BATCH));
    }
}
