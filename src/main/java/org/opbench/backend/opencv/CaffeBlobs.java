package org.opbench.backend.opencv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * Encodes a layer's blobs as a binary Caffe {@code NetParameter} (the "caffemodel" that {@code readNetFromCaffe}
 * takes beside the text): {@code layer(100) { name(1), blobs(7) { shape(7) { dim(1) packed }, data(5) packed
 * float } }}, field numbers from OpenCV's {@code opencv-caffe.proto}. The bytes are written straight into native
 * memory, so weights are not copied through a Java {@code byte[]}.
 */
final class CaffeBlobs {
    /** OpenCV reads the model with protobuf's total-bytes limit of {@code INT_MAX}. */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    private static final int WIRE_VARINT_LEN = 2;
    private static final int NET_LAYER = 100;
    private static final int LAYER_NAME = 1;
    private static final int LAYER_BLOBS = 7;
    private static final int BLOB_SHAPE = 7;
    private static final int BLOB_DATA = 5;
    private static final int SHAPE_DIM = 1;

    private CaffeBlobs() {
    }

    /** Encoded size in bytes of {@code blobs} for a layer called {@code name}. */
    static long size(String name, List<LayerSpec.Blob> blobs) {
        return field(NET_LAYER, layerSize(name, blobs));
    }

    /** The encoded model in newly allocated native memory (the caller closes it). */
    static BytePointer encode(String name, List<LayerSpec.Blob> blobs) {
        long total = size(name, blobs);
        if (total > MAX_BYTES) {
            throw new IllegalArgumentException("model of " + total + " bytes exceeds " + MAX_BYTES);
        }
        BytePointer out = new BytePointer(total);
        ByteBuffer b = out.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        header(b, NET_LAYER, layerSize(name, blobs));
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        header(b, LAYER_NAME, nameBytes.length);
        b.put(nameBytes);
        for (LayerSpec.Blob blob : blobs) {
            header(b, LAYER_BLOBS, blobSize(blob));
            header(b, BLOB_SHAPE, shapeSize(blob.shape()));
            header(b, SHAPE_DIM, dimsSize(blob.shape()));
            for (int d : blob.shape()) {
                varint(b, d);
            }
            header(b, BLOB_DATA, 4L * blob.data().length);
            b.asFloatBuffer().put(blob.data());
            b.position(b.position() + 4 * blob.data().length);
        }
        if (b.position() != total) {
            out.close();
            throw new IllegalStateException("encoded " + b.position() + " bytes, expected " + total);
        }
        return out;
    }

    private static long layerSize(String name, List<LayerSpec.Blob> blobs) {
        long n = field(LAYER_NAME, name.getBytes(StandardCharsets.UTF_8).length);
        for (LayerSpec.Blob blob : blobs) {
            n += field(LAYER_BLOBS, blobSize(blob));
        }
        return n;
    }

    private static long blobSize(LayerSpec.Blob blob) {
        return field(BLOB_SHAPE, shapeSize(blob.shape())) + field(BLOB_DATA, 4L * blob.data().length);
    }

    private static long shapeSize(int[] shape) {
        return field(SHAPE_DIM, dimsSize(shape));
    }

    private static long dimsSize(int[] shape) {
        long n = 0;
        for (int d : shape) {
            n += varintSize(d);
        }
        return n;
    }

    /** Size of a length-delimited field: tag, length, payload. */
    private static long field(int number, long payload) {
        return varintSize(tag(number)) + varintSize(payload) + payload;
    }

    private static long tag(int number) {
        return ((long) number << 3) | WIRE_VARINT_LEN;
    }

    private static void header(ByteBuffer b, int number, long payload) {
        varint(b, tag(number));
        varint(b, payload);
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static void varint(ByteBuffer b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }
}
