package org.keybridge.config.update;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.keybridge.config.ConfigException;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.KeyBridgePaths;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.PortalList;
import org.keybridge.config.signing.PinnedKeys;

/**
 * The catalog KeyBridge works with: the newest verified catalog (embedded or updated), its portals replaced by the
 * signed portal list when one is installed, plus the admin's override file.
 */
public final class Catalogs {
    private Catalogs() {}

    /**
     * @param catalog the effective catalog
     * @param catalogSequence the signed catalog's sequence
     * @param portalListSequence the installed portal list's sequence, or 0 when the catalog's portals are used
     * @param warnings what was ignored and why (a tampered stored file, an unsafe override, …)
     */
    public record Loaded(Catalog catalog, long catalogSequence, long portalListSequence, List<String> warnings) {
        /** For {@code version}: {@code 3} or {@code 3 (portals 5)}. */
        public String version() {
            return catalogSequence + (portalListSequence > 0 ? " (portals " + portalListSequence + ")" : "");
        }
    }

    public static CatalogStore store(KeyBridgeConfig config, Consumer<String> warnings) {
        return new CatalogStore(KeyBridgePaths.stateDir(config), PinnedKeys.release(), warnings);
    }

    public static Loaded load(KeyBridgeConfig config) {
        return load(KeyBridgePaths.stateDir(config), KeyBridgePaths.overrideFile(config), PinnedKeys.release());
    }

    public static Loaded load(Path stateDir, Path overrideFile, PinnedKeys keys) {
        List<String> warnings = new ArrayList<>();
        CatalogStore store = new CatalogStore(stateDir, keys, warnings::add);
        Catalog c = store.catalog();
        Optional<PortalList> list = store.portalList();
        Catalog withPortals = list.map(p -> {
            try {
                return c.withPortals(p.portals());
            } catch (ConfigException e) { // e.g. a portal trusting an issuer this catalog does not hold
                warnings.add("ignoring the portal list: " + e.getMessage());
                return c;
            }
        }).orElse(c);
        long listSeq = withPortals == c ? 0 : list.get().sequence();
        Catalog effective;
        try {
            effective = OverrideFile.apply(withPortals, overrideFile, warnings::add);
        } catch (ConfigException e) {
            warnings.add("ignoring the catalog override " + overrideFile + ": " + e.getMessage());
            effective = withPortals;
        }
        return new Loaded(effective, c.sequence(), listSeq, List.copyOf(warnings));
    }
}
