package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.opbench.measure.TimerCalibration;
import org.opbench.problem.InputFileException;
import org.opbench.result.JsonlWriter;
import org.opbench.result.ResultFile;
import org.opbench.result.Record;
import org.opbench.result.ResultReader;

/**
 * The skeleton of every command that writes a result file ({@code run}, {@code sweep}, {@code network},
 * {@code peaks}), in the order they use it: {@link #prepare} checks {@code --out} before anything is measured (not
 * a directory, not one of the command's inputs, an existing file only with {@code --resume}, whose records are
 * read and torn tail dropped, or {@code --force}) and locks it against a second writer; {@link #open} starts the
 * file; {@link #measure} runs the measurement so that an interrupt stops it with every record already written in
 * the file (the JVM then exits 130 or 143); {@link #close} closes the file and releases the lock. Without
 * {@code --out} ({@code run}) there is no file and each step only does the rest of its work.
 */
final class ResultSession implements AutoCloseable {
    /** How an existing {@code --out} may be taken over. */
    record Mode(boolean resume, boolean force, boolean resumable) {
        static Mode of(OutputOptions output) {
            return new Mode(output.resume, output.force, true);
        }

        /** A command that writes its file at once: an existing one only with {@code --force}. */
        static Mode overwriteOnly(boolean force) {
            return new Mode(false, force, false);
        }
    }

    /** The measurement; an interrupt aborts it. */
    interface Measurement {
        void run() throws IOException, InterruptedException;
    }

    private final Path path;
    private final PrintWriter err;
    private OutputLock lock;
    private JsonlWriter writer;
    private ResultFile previous;
    /** Covers the whole session: an interrupt at any point closes the file and releases the lock. */
    private Thread hook;
    private volatile Runnable abort = () -> { };
    private volatile Supplier<String> interrupted = () -> "opbench: interrupted before measuring began";
    private boolean closed;

    private ResultSession(Path path, PrintWriter err) {
        this.path = path;
        this.err = err;
    }

    /** {@code results/PREFIX-yyyyMMdd-HHmmss.jsonl}: where a command writes when {@code --out} is absent. */
    static Path timestamped(String prefix) {
        return Path.of("results", prefix + "-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".jsonl");
    }

    /**
     * Checks and locks {@code path} (null: no file), all failures being usage errors.
     *
     * @param inputs files the command reads, which {@code --out} must not be
     */
    static ResultSession prepare(PrintWriter err, Path path, Mode mode, List<Path> inputs) {
        if (mode.resume() && mode.force()) {
            throw new UsageError("--resume and --force exclude each other");
        }
        ResultSession s = new ResultSession(path, err);
        if (path == null) {
            return s;
        }
        if (Files.isDirectory(path)) {
            throw new UsageError("--out " + path + " is a directory");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UsageError("--out " + path + " is not a regular file"); // /dev/full: never deleted by --force
        }
        for (Path input : inputs) {
            if (sameFile(path, input)) {
                throw new UsageError("--out " + path + " is an input of this command; choose another file");
            }
        }
        s.lock = OutputLock.acquire(path);
        s.hook = new Thread(s::onShutdown, "opbench-interrupt");
        Runtime.getRuntime().addShutdownHook(s.hook);
        try {
            s.previous = s.takeOver(mode);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The files among command-line words that name existing files (inputs given by name or file). */
    static List<Path> files(List<String> words) {
        return words.stream().flatMap(w -> {
            try {
                Path p = Path.of(w);
                return Files.isRegularFile(p) ? java.util.stream.Stream.of(p) : java.util.stream.Stream.empty();
            } catch (InvalidPathException e) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private ResultFile takeOver(Mode mode) {
        try {
            if (!Files.exists(path) || (mode.resumable() && Files.size(path) == 0)) {
                return null;
            }
            if (mode.resume()) {
                ResultFile file = ResultReader.read(path);
                file.warnings().forEach(w -> err.println("opbench: warning: " + w));
                ResultReader.dropTornTail(path);
                return file;
            }
            if (!mode.force()) {
                throw new UsageError("--out " + path + " already exists; add " + (mode.resumable()
                        ? "--resume to continue it or --force to overwrite it" : "--force to overwrite it"));
            }
            Files.delete(path);
            return null;
        } catch (InputFileException e) {
            throw new UsageError("cannot resume: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot use --out " + path + ": " + e.getMessage());
        }
    }

    /** The result file; null without {@code --out}. */
    Path path() {
        return path;
    }

    /** What {@code --resume} found in the file; null when nothing is resumed. */
    ResultFile previous() {
        return previous;
    }

    boolean resumed() {
        return previous != null;
    }

    /** Opens the file for appending (a usage error when it cannot be written); nothing without {@code --out}. */
    void open() {
        if (path == null || writer != null) {
            return;
        }
        try {
            writer = new JsonlWriter(path);
        } catch (IOException e) {
            throw new UsageError("cannot write --out " + path + ": " + e.getMessage());
        }
        if (!Files.isWritable(path)) {
            writer.close();
            writer = null;
            throw new UsageError("cannot write --out " + path);
        }
    }

    /** The open file's writer; null without {@code --out} or before {@link #open}. */
    JsonlWriter writer() {
        return writer;
    }

    /** Appends one record of any kind, flushed at once; nothing without a file. */
    void write(Record record) {
        if (writer != null) {
            writer.write(record);
        }
    }

    TimerCalibration calibrate() {
        err.println("opbench: calibrating the timer...");
        err.flush();
        return TimerCalibration.measure();
    }

    /**
     * Runs the measurement. An interrupt (SIGINT, SIGTERM) calls {@code abort}, closes the file, whose records
     * are each complete and flushed, and prints {@code interrupted}; the JVM then exits 130 or 143. On return or
     * failure the file is closed and the lock released.
     */
    void measure(Measurement measurement, Runnable abort, Supplier<String> interrupted)
            throws IOException, InterruptedException {
        if (hook == null) { // no file: the hook only stops the measurement
            hook = new Thread(this::onShutdown, "opbench-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        this.abort = abort;
        this.interrupted = interrupted;
        try {
            measurement.run();
        } finally {
            close(); // a failure is reported by the caller, never as an interrupt: the hook is gone
        }
    }

    /** The shutdown hook: unless the session was closed normally, stop, close and say what was kept. */
    private void onShutdown() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        abort.run();
        close();
        err.println();
        err.println(interrupted.get());
        err.flush();
    }

    /** Closes the file and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook, already started, finds the session closed and says nothing
            }
        }
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
