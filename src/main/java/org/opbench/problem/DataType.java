package org.opbench.problem;

/** Element type of a problem's tensors. Only fp32 is timed today; the field exists so fp16/int8 can follow. */
public enum DataType {
    F32("f32", 4);

    private final String id;
    private final int bytes;

    DataType(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    public String id() {
        return id;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    public static DataType parse(String text) {
        for (DataType t : values()) {
            if (t.id.equals(text)) {
                return t;
            }
        }
        throw new ProblemException(text, "unknown data type '" + text + "' (known: f32)");
    }
}
