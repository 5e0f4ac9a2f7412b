package org.opbench.problem;

import java.util.Map;
import java.util.Set;

/** Fully connected (inner product) with bias: input {@code mb x ic x ih x iw} flattened, output {@code mb x oc}. */
public record FcProblem(Precision dtype, int mb, int ic, int ih, int iw, int oc, String name) implements Problem {

    static final Set<String> KEYS = Set.of("mb", "ic", "ih", "iw", "oc", "n");

    public FcProblem {
        name = Problems.checkName(name);
        Problems.require(mb > 0 && ic > 0 && ih > 0 && iw > 0 && oc > 0, "fc sizes must be positive");
        Problems.checkElements(Sizes.elements("source", mb, ic, ih, iw), Sizes.elements("weights", oc, ic, ih, iw),
                Sizes.elements("destination", mb, oc));
    }

    static FcProblem parse(String text, Precision dtype) {
        DescriptorTokens t = DescriptorTokens.parse(text, KEYS);
        int mb = t.positive("mb", 1);
        int ic = t.required("ic", "input channels");
        int ih = t.positive("ih", 1);
        int iw = t.positive("iw", ih);
        int oc = t.required("oc", "output channels");
        return new FcProblem(dtype, mb, ic, ih, iw, oc, t.name());
    }

    @Override
    public Op op() {
        return Op.FC;
    }

    /** Length of one flattened input row. */
    public long inputLength() {
        return (long) ic * ih * iw;
    }

    @Override
    public FcProblem withBatch(int batch) {
        return new FcProblem(dtype, batch, ic, ih, iw, oc, name);
    }

    @Override
    public FcProblem withName(String newName) {
        return new FcProblem(dtype, mb, ic, ih, iw, oc, newName);
    }

    @Override
    public FcProblem withDtype(Precision newDtype) {
        return new FcProblem(newDtype, mb, ic, ih, iw, oc, name);
    }

    @Override
    public String descriptor() {
        return Problems.descriptor(fields());
    }

    @Override
    public Map<String, Object> fields() {
        return Problems.fields("mb", mb, "ic", ic, "ih", ih, "iw", iw, "oc", oc);
    }

    @Override
    public long weightElements() {
        return oc * inputLength();
    }

    @Override
    public long biasElements() {
        return oc;
    }

    @Override
    public int[] dstDims() {
        return new int[] {mb, oc};
    }

    @Override
    public String toString() {
        return Problems.withName(descriptor(), name);
    }
}
