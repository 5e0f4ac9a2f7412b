package org.opbench.spi;

import java.util.Objects;
import org.opbench.problem.DataType;

/**
 * The number formats a backend runs a point in: where the configuration lets the library choose per kernel (a
 * TensorRT engine built with the fp16 flag), the narrowest format it allows.
 *
 * @param storage      format the kernels read and write tensors in (inputs and outputs handed to opbench stay fp32)
 * @param math         format the multiplications run in (TF32 on tensor cores reads fp32 operands as TF32)
 * @param accumulation format the products are summed in
 */
public record Numerics(DataType storage, DataType math, DataType accumulation) {
    /** Plain fp32 throughout. */
    public static final Numerics F32 = new Numerics(DataType.F32, DataType.F32, DataType.F32);
    /** fp32 tensors, TF32 tensor-core multiplications, fp32 sums. */
    public static final Numerics TF32 = new Numerics(DataType.F32, DataType.TF32, DataType.F32);
    /** fp16 tensors and math (and, at worst, fp16 sums). */
    public static final Numerics F16 = new Numerics(DataType.F16, DataType.F16, DataType.F16);
    /** int8 tensors and products summed in int32. */
    public static final Numerics INT8 = new Numerics(DataType.S8, DataType.S8, DataType.S32);

    public Numerics {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(math, "math");
        Objects.requireNonNull(accumulation, "accumulation");
    }

    /** Whether any of the three formats is an integer (quantised) one. */
    public boolean quantized() {
        return storage.integer() || math.integer() || accumulation.integer();
    }

    /** Whether any of the three is a floating-point format narrower than fp32. */
    public boolean reduced() {
        return storage.reducedFloat() || math.reducedFloat() || accumulation.reducedFloat();
    }
}
