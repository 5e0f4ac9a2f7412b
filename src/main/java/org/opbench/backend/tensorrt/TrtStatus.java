package org.opbench.backend.tensorrt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * TensorRT's typed failures to exceptions, in one place: ONNX parser error codes ({@code nvonnxparser::ErrorCode};
 * the {@code kUNSUPPORTED_*} codes mean TensorRT has no implementation of the node) and the builder's boolean
 * verdicts. TensorRT 10 reports build failures only through its logger and error recorder, neither of which gives
 * Java a typed code here, so a failed build is a {@link BackendException} carrying what TensorRT logged.
 */
final class TrtStatus {
    private static final Set<nvonnxparser.ErrorCode> UNSUPPORTED = EnumSet.of(
            nvonnxparser.ErrorCode.kUNSUPPORTED_GRAPH, nvonnxparser.ErrorCode.kUNSUPPORTED_NODE,
            nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_ATTR, nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_INPUT,
            nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_DATATYPE, nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_DYNAMIC,
            nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_SHAPE);

    /** One parser error: its code and TensorRT's description. */
    record ParserError(nvonnxparser.ErrorCode code, String node, String desc) {
        @Override
        public String toString() {
            return code + (node.isEmpty() ? "" : " at node " + node) + ": " + desc;
        }
    }

    private TrtStatus() {
    }

    /** Whether a parser error code means "no implementation". Pure. */
    static boolean unsupported(nvonnxparser.ErrorCode code) {
        return UNSUPPORTED.contains(code);
    }

    /** The exception for a failed parse: unsupported when any error is of an unsupported kind. */
    static BackendException parseFailure(List<ParserError> errors) {
        String msg = "TensorRT's ONNX parser refused the model: " + errors;
        for (ParserError e : errors) {
            if (unsupported(e.code())) {
                return new UnsupportedException(msg);
            }
        }
        return new BackendException(msg);
    }
}
