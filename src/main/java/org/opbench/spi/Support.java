package org.opbench.spi;

/** Answer of {@link Backend#supports}: yes, or no with the reason. */
public record Support(boolean supported, String reason) {
    public static final Support YES = new Support(true, null);

    public Support {
        if (!supported && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an unsupported answer must say why");
        }
    }

    public static Support no(String reason) {
        return new Support(false, reason);
    }

    /**
     * Throws an {@link UnsupportedException} with the reason unless supported: how {@code prepare} refuses what
     * {@link Backend#supports} refuses.
     */
    public void require() throws UnsupportedException {
        if (!supported) {
            throw new UnsupportedException(reason);
        }
    }
}
