package org.opbench.result;

/**
 * One line of a result file. Every kind names itself in its {@code record} key ({@code run}, {@code point},
 * {@code network}, {@code layer}, {@code peaks}); {@link ResultWriter#write} takes any kind and {@link ResultReader}
 * gives each line back as its type.
 */
public interface Record {
    /** The kind of record, the value of its {@code record} key. */
    String record();
}
