package org.opbench.problem;

import java.util.List;

/**
 * A named list of layers, usually every conv, fc and pool layer of one network.
 *
 * @param name             set name (the file name without {@code .txt})
 * @param network          network the layers come from (may be empty for ad-hoc sets)
 * @param publishedGflops  published network total at batch 1 in GFLOPs (2 x multiply-adds), or NaN
 * @param publishedTolerance  relative difference from the published figure the set is allowed (0.03 = 3%),
 *                         wider only where the file says why (a rounded or differently-counted figure)
 * @param publishedSource  where that figure comes from
 * @param layers           the layers in network order
 */
public record ShapeSet(String name, String network, double publishedGflops, double publishedTolerance,
                       String publishedSource, List<Layer> layers) {
    /** Default allowed difference between a set's total and its published figure. */
    public static final double DEFAULT_TOLERANCE = 0.03;

    public ShapeSet {
        layers = List.copyOf(layers);
    }

    /** Sum of flops x repeat over all layers at batch 1. */
    public long totalFlops() {
        return Sizes.sum("total flops", layers.stream().mapToLong(l -> Sizes.product("flops x repeat",
                l.problem().withBatch(1).flops(), l.repeat())).toArray());
    }

    /** Number of layers the set stands for, repeats included. */
    public int layerCount() {
        return Sizes.toInt("layer count (repeats included)", Sizes.sum("layer count",
                layers.stream().mapToLong(Layer::repeat).toArray()));
    }
}
