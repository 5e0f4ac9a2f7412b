package org.opbench.peaks;

import org.opbench.spi.Plugins;

/** The ceiling providers on the class path, found and probed like the backends ({@link Plugins}). */
public final class CeilingProviders extends Plugins<CeilingProvider> {
    private CeilingProviders() {
        super(discover(CeilingProvider.class, "ceiling provider"), "ceiling provider", CeilingProvider::name,
                CeilingProvider::probe);
    }

    /** Every provider on the class path, in service-file order, less those that cannot be created. */
    public static CeilingProviders load() {
        return new CeilingProviders();
    }
}
