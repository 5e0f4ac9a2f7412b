package org.opbench.backend.tensorrt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * TensorRT's logger, implemented in Java (the preset makes {@code ILogger::log} a callback). Errors and warnings
 * are kept (the last {@value #KEEP}) so that a failed build can say what TensorRT reported; errors also go to
 * standard error. Info and verbose messages are dropped.
 */
final class TrtLogger extends ILogger {
    static final int KEEP = 20;
    private final Deque<String> messages = new ArrayDeque<>();

    @Override
    public void log(ILogger.Severity severity, String msg) {
        if (severity.value > ILogger.Severity.kWARNING.value) {
            return;
        }
        String line = severity + ": " + msg;
        synchronized (messages) {
            messages.addLast(line);
            while (messages.size() > KEEP) {
                messages.removeFirst();
            }
        }
        if (severity.value <= ILogger.Severity.kERROR.value) {
            System.err.println("tensorrt: " + line);
        }
    }

    /** Messages logged since the last call, oldest first. */
    List<String> drain() {
        synchronized (messages) {
            List<String> l = List.copyOf(messages);
            messages.clear();
            return l;
        }
    }
}
