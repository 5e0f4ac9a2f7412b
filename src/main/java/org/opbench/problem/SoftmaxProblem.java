package org.opbench.problem;

import java.util.Map;
import java.util.Set;

/** Softmax over the channel axis of an {@code mb x ic x ih x iw} tensor, e.g. {@code mb1ic1000}. */
public record SoftmaxProblem(Precision dtype, int mb, int ic, int ih, int iw, String name) implements Problem {

    static final Set<String> KEYS = Set.of("mb", "ic", "ih", "iw", "n");

    public SoftmaxProblem {
        name = Problems.checkName(name);
        Problems.require(mb > 0 && ic > 0 && ih > 0 && iw > 0, "softmax sizes must be positive");
        Problems.checkElements(Sizes.elements("source", mb, ic, ih, iw), 0, Sizes.elements("destination", mb, ic, ih, iw));
    }

    static SoftmaxProblem parse(String text, Precision dtype) {
        DescriptorTokens t = DescriptorTokens.parse(text, KEYS);
        int mb = t.positive("mb", 1);
        int ic = t.required("ic", "channels (the softmax axis)");
        int ih = t.positive("ih", 1);
        int iw = t.positive("iw", ih);
        return new SoftmaxProblem(dtype, mb, ic, ih, iw, t.name());
    }

    @Override
    public Op op() {
        return Op.SOFTMAX;
    }

    @Override
    public SoftmaxProblem withBatch(int batch) {
        return new SoftmaxProblem(dtype, batch, ic, ih, iw, name);
    }

    @Override
    public SoftmaxProblem withName(String newName) {
        return new SoftmaxProblem(dtype, mb, ic, ih, iw, newName);
    }

    @Override
    public SoftmaxProblem withDtype(Precision newDtype) {
        return new SoftmaxProblem(newDtype, mb, ic, ih, iw, name);
    }

    @Override
    public String descriptor() {
        return Problems.descriptor(fields());
    }

    @Override
    public Map<String, Object> fields() {
        return Problems.fields("mb", mb, "ic", ic, "ih", ih, "iw", iw);
    }

    @Override
    public int[] dstDims() {
        return new int[] {mb, ic, ih, iw};
    }

    @Override
    public String toString() {
        return Problems.withName(descriptor(), name);
    }
}
