package org.opbench.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend ran for a point, stated by the backend from what it configured, never inferred from names: the
 * algorithm asked for, the implementation the library chose, the number formats and the transform. The output
 * check's tolerance is derived from it ({@code org.opbench.measure.Tolerance#of}), and {@link #recorded()} goes
 * into the point's {@code details}.
 *
 * @param algorithm the algorithm (variant axis) this point asked for
 * @param impl      the implementation as the library names it, for people; nothing is decided from it
 * @param numerics  storage, math and accumulation formats
 * @param transform the transform the sums go through
 */
public record Execution(String algorithm, String impl, Numerics numerics, Transform transform) {
    /** The key of {@link #recorded()} in a record's {@code details}. */
    public static final String DETAILS_KEY = "execution";

    public Execution {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(impl, "impl");
        Objects.requireNonNull(numerics, "numerics");
        Objects.requireNonNull(transform, "transform");
    }

    /** Plain fp32 with {@code transform}. */
    public static Execution f32(String algorithm, String impl, Transform transform) {
        return new Execution(algorithm, impl, Numerics.F32, transform);
    }

    /** The same with another implementation name (a profiling backend learns it after timing). */
    public Execution withImpl(String newImpl) {
        return new Execution(algorithm, newImpl, numerics, transform);
    }

    /** {@code {storage, math, accumulation, transform}} as recorded under {@code details.execution}. */
    public Map<String, Object> recorded() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storage", numerics.storage().id());
        m.put("math", numerics.math().id());
        m.put("accumulation", numerics.accumulation().id());
        m.put("transform", transform.id());
        return m;
    }
}
