package org.opbench.backend.cuda;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * Loads JavaCPP preset classes once per process and remembers the outcome. A preset whose native library is
 * missing fails only the first time with the loader's message ({@link UnsatisfiedLinkError}); every later touch
 * raises a bare {@link NoClassDefFoundError}. Remembering the first failure keeps the useful reason
 * ("libcuda.so.1 not found") for every later probe, and for every backend sharing the preset.
 */
public final class NativeLibs {
    private static final Map<Class<?>, String> FAILURES = new HashMap<>();
    private static final Map<Class<?>, Boolean> LOADED = new HashMap<>();

    private NativeLibs() {
    }

    /**
     * Loads the preset class {@code preset} (e.g. {@code org.bytedeco.cuda.global.cudart.class}).
     *
     * @return null when loaded, else the reason it cannot be
     */
    public static synchronized String load(Class<?> preset) {
        if (LOADED.containsKey(preset)) {
            return null;
        }
        String failed = FAILURES.get(preset);
        if (failed != null) {
            return failed;
        }
        try {
            Loader.load(preset);
            LOADED.put(preset, Boolean.TRUE);
            return null;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            String reason = MissingLibrary.reason(e);
            FAILURES.put(preset, reason);
            return reason;
        }
    }

    /** Loads every class in order and returns the first failure's reason, or null. */
    public static String loadAll(Class<?>... presets) {
        for (Class<?> p : presets) {
            String r = load(p);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
