package org.opbench.backend.acl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opbench.env.OpbenchHome;
import org.opbench.spi.BackendException;

/**
 * ACL's OpenCL runtime: {@code CLScheduler::default_init} with a {@code CLTuner}, in the tuner mode a point asks
 * for. Tuner names on opbench's tuner axis: {@code none} (no tuning, ACL's default local work sizes) and
 * {@code cltuner-rapid}, {@code cltuner-normal}, {@code cltuner-exhaustive} (CLTunerMode RAPID, NORMAL, EXHAUSTIVE).
 * The tuner's table is loaded from and saved to a tuning file: {@code --option acl.tuning_file=PATH}, by default
 * {@code <cache>/acl/cltuner-<mode>.csv}.
 */
final class ClRuntime {
    static final List<String> TUNERS = List.of("none", "cltuner-rapid", "cltuner-normal", "cltuner-exhaustive");
    static final String TUNING_FILE = "tuning_file";

    private ClRuntime() {
    }

    static int mode(String tuner) {
        return switch (tuner) {
            case "cltuner-rapid" -> AclNative.TUNER_RAPID;
            case "cltuner-normal" -> AclNative.TUNER_NORMAL;
            case "cltuner-exhaustive" -> AclNative.TUNER_EXHAUSTIVE;
            default -> AclNative.TUNER_NONE;
        };
    }

    /** The tuning file for {@code tuner}: the option's, else one per mode in opbench's cache; null for none. */
    static Path tuningFile(String tuner, String option) throws BackendException {
        if (option != null && !option.isBlank()) {
            return Path.of(option).toAbsolutePath();
        }
        if (mode(tuner) == AclNative.TUNER_NONE) {
            return null;
        }
        Path dir = OpbenchHome.cacheDir().resolve("acl");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackendException("cannot create " + dir + " for the CLTuner file: " + e.getMessage(), e);
        }
        return dir.resolve(tuner + ".csv");
    }

    /** Initialises OpenCL (once) and sets the tuner's mode and file; no OpenCL library is UNSUPPORTED. */
    static synchronized void init(String tuner, Path tuningFile) throws BackendException {
        int status = AclNative.opbench_acl_cl_init(mode(tuner), tuningFile == null ? "" : tuningFile.toString());
        AclStatus.check(status, "opbench_acl_cl_init (CLScheduler::default_init, CLTuner)",
                AclNative.opbench_acl_cl_message());
    }

    /** Writes the tuner's table to its file (nothing without one). */
    static synchronized void saveTuning() throws BackendException {
        AclStatus.check(AclNative.opbench_acl_cl_save_tuning(), "CLTuner::save_to_file",
                AclNative.opbench_acl_cl_message());
    }
}
