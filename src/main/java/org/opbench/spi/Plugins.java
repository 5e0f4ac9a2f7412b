package org.opbench.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The plug-ins of one kind on the class path (operator backends, network backends), by name, each probed at most
 * once per process, on first ask. What is written once here: a provider that cannot be instantiated is left out with
 * a warning naming the error; of two providers with one name the first is kept, with a warning; a probe that throws
 * counts as unavailable with the exception as its reason.
 *
 * @param <T> the service interface
 */
public abstract class Plugins<T> {
    private final Map<String, T> byName = new LinkedHashMap<>();
    private final Map<String, Availability> probed = new HashMap<>();
    private final Function<T, String> name;
    private final Function<T, Availability> probe;

    /**
     * @param found the providers, in the order to keep
     * @param kind  what they are, for warnings ({@code backend}, {@code network backend})
     * @param name  a provider's name
     * @param probe a provider's probe
     */
    protected Plugins(List<T> found, String kind, Function<T, String> name, Function<T, Availability> probe) {
        this.name = name;
        this.probe = probe;
        for (T t : found) {
            T first = byName.putIfAbsent(name.apply(t), t);
            if (first != null) {
                System.err.println("opbench: warning: two " + kind + "s named '" + name.apply(t) + "' ("
                        + first.getClass().getName() + ", " + t.getClass().getName() + "); using the first");
            }
        }
    }

    /** The providers of {@code type} that {@link ServiceLoader} finds, in its order, less those it cannot create. */
    protected static <T> List<T> discover(Class<T> type, String kind) {
        List<T> list = new ArrayList<>();
        for (var it = ServiceLoader.load(type).iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    return list;
                }
                list.add(it.next());
            } catch (ServiceConfigurationError e) {
                System.err.println("opbench: warning: a " + kind + " could not be instantiated: " + e.getMessage());
            }
        }
    }

    /**
     * The reason for a probe that hit a class missing from the class path: the plug-in's library jar is not in this
     * build (the GPU check bundle, say, carries only the jars of {@code cudnn} and the reference).
     */
    static String missingClass(NoClassDefFoundError e) {
        String cls = e.getMessage() == null ? "?" : e.getMessage().replace('/', '.');
        return "its library is not on the class path (class " + cls + " not found): this build was made without"
                + " that library's jar";
    }

    public final List<T> all() {
        return List.copyOf(byName.values());
    }

    public final List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The provider called {@code name}, or null. */
    public final T get(String name) {
        return byName.get(name);
    }

    /**
     * Probes {@code plugin} once (per name) and remembers the answer; a probe that throws counts as unavailable.
     */
    public final synchronized Availability availability(T plugin) {
        return probed.computeIfAbsent(name.apply(plugin), n -> {
            try {
                return probe.apply(plugin);
            } catch (NoClassDefFoundError e) {
                return Availability.unavailable(missingClass(e));
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("probe failed: " + e);
            }
        });
    }
}
