package org.opbench.result;

/** Where records go, of every kind. Implementations write and flush each record as it arrives. */
public interface ResultWriter extends AutoCloseable {
    void write(Record record);

    @Override
    void close();
}
