package org.opbench.result;

/** Where records go. Implementations write and flush each record as it arrives. */
public interface ResultWriter extends AutoCloseable {
    void run(RunRecord run);

    void point(PointRecord point);

    @Override
    void close();
}
