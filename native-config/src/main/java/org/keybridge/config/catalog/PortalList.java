package org.keybridge.config.catalog;

import java.util.List;

/**
 * The signed portal list ({@code portals update FILE}): replaces the catalog's portals. Its {@code sequence} counts
 * on its own, apart from the catalog's.
 */
public record PortalList(String document, int schemaVersion, long sequence, String published, List<Portal> portals) {
    public static final String DOCUMENT = "portals";

    public PortalList {
        portals = Lists.of(portals);
    }
}
