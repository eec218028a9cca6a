package org.keybridge.ui.assistant;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Names;
import org.keybridge.config.signing.PinnedKeys;
import org.keybridge.config.update.CatalogStore;
import org.keybridge.config.update.Catalogs;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** {@link PortalDirectory} over the signed catalog and portal list (helper cat's {@code Catalogs}/{@code CatalogStore}). */
final class CatalogPortals implements PortalDirectory {
    private final Path stateDir, overrideFile;
    private final PinnedKeys keys;

    CatalogPortals(Path stateDir, Path overrideFile, PinnedKeys keys) {
        this.stateDir = stateDir;
        this.overrideFile = overrideFile;
        this.keys = keys;
    }

    @Override
    public Listing current() {
        Catalogs.Loaded l = Catalogs.load(stateDir, overrideFile, keys);
        List<Portal> portals = l.catalog().portals().stream()
                .map(p -> new Portal(p.id(), names(p.names()), p.origins())).toList();
        boolean signedList = l.portalListSequence() > 0;
        return new Listing(portals, l.version(), signedList ? SignatureState.SIGNED : SignatureState.BUILT_IN,
                signedList ? String.join(", ", keys.ids()) : String.valueOf(l.catalogSequence()));
    }

    @Override
    public boolean canUpdate() { return true; }

    @Override
    public Listing update(Path file) {
        try {
            new CatalogStore(stateDir, keys, w -> { }).updatePortals(file);
        } catch (ConfigException e) {
            throw new KeyBridgeException(ErrorCode.valueOf(e.code().name()), e.getMessage(), e);
        }
        return current();
    }

    private static Map<String, String> names(Names n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n == null) return m;
        if (n.zhCN() != null) m.put("zh-CN", n.zhCN());
        if (n.en() != null) m.put("en", n.en());
        if (n.es() != null) m.put("es", n.es());
        return m;
    }
}
