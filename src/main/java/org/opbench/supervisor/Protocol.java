package org.opbench.supervisor;

import java.io.PrintStream;
import org.opbench.result.Json;

/** The worker side of the protocol: a {@link StepSink} that writes each call as one {@link Frame} line. */
final class Protocol implements StepSink {
    private final PrintStream out;

    Protocol(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(int unit) {
        send(new Frame.Start(unit));
    }

    @Override
    public void record(int unit, Object record) {
        send(new Frame.Record(unit, Json.mapper().valueToTree(record)));
    }

    @Override
    public void ready(java.util.List<Integer> units, int steps) {
        send(new Frame.Ready(units, steps));
    }

    @Override
    public void stepped(int unit, boolean again) {
        send(new Frame.Stepped(unit, again));
    }

    @Override
    public void done() {
        send(new Frame.Done());
    }

    private synchronized void send(Frame frame) {
        out.print(frame.line() + "\n");
        out.flush();
        if (out.checkError()) {
            // the driver is gone: nobody will read what this worker measures
            throw new IllegalStateException("driver closed the worker's output");
        }
    }
}
