package org.keybridge.config.catalog;

import java.util.List;

/**
 * IT's local additions (an admin-owned file, unsigned): entries with new ids only; it never changes or removes
 * what the signed catalog says.
 */
public record CatalogOverride(String document, int schemaVersion, List<Vendor> vendors, List<CaIssuer> caIssuers,
                              List<TokenModel> tokenModels, List<NativeModule> modules, List<Portal> portals,
                              List<Quirk> quirks) {
    public static final String DOCUMENT = "override";

    public CatalogOverride {
        vendors = Lists.of(vendors);
        caIssuers = Lists.of(caIssuers);
        tokenModels = Lists.of(tokenModels);
        modules = Lists.of(modules);
        portals = Lists.of(portals);
        quirks = Lists.of(quirks);
    }
}
