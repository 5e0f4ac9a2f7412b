package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_invalid_arguments;
import static org.bytedeco.dnnl.global.dnnl.dnnl_invalid_data_type;
import static org.bytedeco.dnnl.global.dnnl.dnnl_invalid_graph;
import static org.bytedeco.dnnl.global.dnnl.dnnl_invalid_graph_op;
import static org.bytedeco.dnnl.global.dnnl.dnnl_invalid_shape;
import static org.bytedeco.dnnl.global.dnnl.dnnl_last_impl_reached;
import static org.bytedeco.dnnl.global.dnnl.dnnl_not_required;
import static org.bytedeco.dnnl.global.dnnl.dnnl_out_of_memory;
import static org.bytedeco.dnnl.global.dnnl.dnnl_runtime_error;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;
import static org.bytedeco.dnnl.global.dnnl.dnnl_unimplemented;

import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * The one place where oneDNN's {@code dnnl_status_t} codes become Java exceptions:
 * {@code dnnl_unimplemented} (no implementation for the problem) is an {@link UnsupportedException},
 * every other failure a {@link BackendException}; both messages name the status and the call.
 */
final class DnnlStatus {
    private DnnlStatus() {
    }

    /**
     * Throws unless {@code status} is {@code dnnl_success}.
     *
     * @param call what was called, e.g. {@code convolution_winograd} or {@code dnnl_memory_create}
     */
    static void check(int status, String call) throws BackendException {
        if (status == dnnl_success) {
            return;
        }
        String message = "oneDNN: " + name(status) + " (status " + status + ") for " + call;
        if (status == dnnl_unimplemented) {
            throw new UnsupportedException(message);
        }
        throw new BackendException(message);
    }

    /** The library's name of a status code ({@code dnnl_status_t} enumerator). */
    static String name(int status) {
        if (status == dnnl_success) {
            return "dnnl_success";
        } else if (status == dnnl_out_of_memory) {
            return "dnnl_out_of_memory";
        } else if (status == dnnl_invalid_arguments) {
            return "dnnl_invalid_arguments";
        } else if (status == dnnl_unimplemented) {
            return "dnnl_unimplemented";
        } else if (status == dnnl_last_impl_reached) {
            return "dnnl_last_impl_reached";
        } else if (status == dnnl_runtime_error) {
            return "dnnl_runtime_error";
        } else if (status == dnnl_not_required) {
            return "dnnl_not_required";
        } else if (status == dnnl_invalid_graph) {
            return "dnnl_invalid_graph";
        } else if (status == dnnl_invalid_graph_op) {
            return "dnnl_invalid_graph_op";
        } else if (status == dnnl_invalid_shape) {
            return "dnnl_invalid_shape";
        } else if (status == dnnl_invalid_data_type) {
            return "dnnl_invalid_data_type";
        }
        return "dnnl_status_" + status;
    }
}
