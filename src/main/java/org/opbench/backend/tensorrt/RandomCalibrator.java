package org.opbench.backend.tensorrt;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.spi.BackendException;

/**
 * An entropy calibrator (TensorRT's {@code IInt8EntropyCalibrator2}, implemented in Java through the preset's
 * callbacks) feeding {@link CalibrationBatches} to the network's single input. No calibration cache is read or
 * written: every int8 engine is calibrated from its own seeded batches. Keep the object reachable until the build
 * returns; {@link #close()} frees its device buffer.
 */
final class RandomCalibrator extends IInt8EntropyCalibrator2 {
    private final String input;
    private final CalibrationBatches batches;
    private final DeviceBuffer buffer;
    private int next;
    private BackendException failure;

    RandomCalibrator(String input, CalibrationBatches batches) throws BackendException {
        this.input = input;
        this.batches = batches;
        this.buffer = DeviceBuffer.floats(batches.elements());
    }

    /** Explicit-batch networks take the batch from the input's shape; TensorRT asks for 1 here. */
    @Override
    public int getBatchSize() {
        return 1;
    }

    @Override
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int nbBindings) {
        if (next >= batches.count()) {
            return false;
        }
        try {
            buffer.upload(batches.batch(next++));
        } catch (BackendException e) {
            failure = e;
            return false;
        } catch (RuntimeException e) { // nothing may propagate into TensorRT's noexcept callback
            failure = new BackendException("calibration batch " + (next - 1) + ": " + e, e);
            return false;
        }
        for (int i = 0; i < nbBindings; i++) {
            if (input.equals(names.getString(i))) {
                bindings.put(i, buffer.pointer());
                return true;
            }
        }
        failure = new BackendException("calibration: TensorRT asked for inputs without '" + input + "'");
        return false;
    }

    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        length.put(0L);
        return null;
    }

    @Override
    public void writeCalibrationCache(Pointer cache, long length) {
        // calibration is per engine, from seeded batches: nothing to keep
    }

    /** Batches handed to TensorRT. */
    int batchesUsed() {
        return next;
    }

    /** A failure inside a callback (which cannot throw into TensorRT), or null. */
    BackendException failure() {
        return failure;
    }

    @Override
    public void close() {
        buffer.close();
        super.close();
    }
}
