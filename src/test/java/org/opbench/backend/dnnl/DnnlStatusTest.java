package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/** Status codes map to exception types by value (the codes are compile-time constants; no library needed). */
class DnnlStatusTest {
    @Test
    void successPasses() throws BackendException {
        DnnlStatus.check(0, "anything");
    }

    @Test
    void unimplementedIsUnsupported() {
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> DnnlStatus.check(3, "convolution_winograd"));
        assertEquals("oneDNN: dnnl_unimplemented (status 3) for convolution_winograd", e.getMessage());
    }

    @Test
    void otherFailuresAreBackendExceptionsNamingTheStatus() {
        BackendException e = assertThrows(BackendException.class, () -> DnnlStatus.check(2, "dnnl_memory_create"));
        assertFalse(e instanceof UnsupportedException);
        assertTrue(e.getMessage().contains("dnnl_invalid_arguments (status 2)"), e.getMessage());
        assertEquals("dnnl_out_of_memory", DnnlStatus.name(1));
        assertEquals("dnnl_runtime_error", DnnlStatus.name(5));
        assertEquals("dnnl_status_99", DnnlStatus.name(99));
    }
}
