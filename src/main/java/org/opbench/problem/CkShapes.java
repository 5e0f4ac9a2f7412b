package org.opbench.problem;

/**
 * Shape strings of the Collective Knowledge (CK) operator sweeps.
 * conv: {@code in_C-H-W-K-out_C-stride-pad} (square kernel, symmetric stride and padding, g = 1);
 * fc: {@code in_C-in_H-in_W-out_C-out_H-out_W} (out_H and out_W must be 1).
 */
final class CkShapes {
    private CkShapes() {
    }

    static boolean looksLikeCk(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && s.indexOf('-') > 0;
    }

    static Problem parse(Op op, String s, Precision dtype) {
        String[] parts = s.split("-", -1);
        int[] v = new int[parts.length];
        String[] names = switch (op) {
            case CONV -> new String[] {"in_C", "H", "W", "K", "out_C", "stride", "pad"};
            case FC -> new String[] {"in_C", "in_H", "in_W", "out_C", "out_H", "out_W"};
            default -> throw new ProblemException(s, "CK shape strings exist for conv and fc only, not " + op.id());
        };
        if (parts.length != names.length) {
            throw new ProblemException(s, "CK " + op.id() + " shape '" + DescriptorTokens.printable(s) + "' has "
                    + parts.length + " fields, expected " + names.length + " (" + String.join("-", names) + ")");
        }
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Numbers.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new ProblemException(parts[i], "field " + names[i] + " = '" + DescriptorTokens.printable(parts[i])
                        + "' in CK shape '" + DescriptorTokens.printable(s) + "' is not a number");
            }
            boolean mayBeZero = op == Op.CONV && names[i].equals("pad");
            if (v[i] < 0 || (v[i] == 0 && !mayBeZero)) {
                throw new ProblemException(parts[i], "field " + names[i] + " = " + v[i] + " in CK shape '" + s
                        + "' must be " + (mayBeZero ? "non-negative" : "positive"));
            }
        }
        if (op == Op.FC) {
            if (v[4] != 1 || v[5] != 1) {
                throw new ProblemException(s, "CK fc shape '" + s + "': out_H and out_W must be 1");
            }
            return new FcProblem(dtype, 1, v[0], v[1], v[2], v[3], "");
        }
        String desc = "ic" + v[0] + "ih" + v[1] + "iw" + v[2] + "kh" + v[3] + "oc" + v[4] + "sh" + v[5] + "ph" + v[6];
        try {
            return ConvProblem.parse(desc, dtype);
        } catch (ProblemException e) {
            throw new ProblemException(s, "CK conv shape '" + s + "': " + e.getMessage());
        }
    }
}
