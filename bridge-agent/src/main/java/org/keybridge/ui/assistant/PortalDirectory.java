package org.keybridge.ui.assistant;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/**
 * The trusted portals the assistant shows and sends the user to: their names and addresses, the list's version and
 * signature state, and the update of a signed list. {@link #fromConfiguration} serves the configuration's
 * {@code allowedOrigins} (unsigned, not updatable) until a signed portal list is installed.
 */
public interface PortalDirectory {
    /** One portal: display names by language tag (zh-CN, en, es), exact origins. */
    record Portal(String id, Map<String, String> names, List<String> origins) {
        public Portal {
            names = Map.copyOf(names);
            origins = List.copyOf(origins);
        }

        public String name(Locale l) {
            String n = names.get(l.toLanguageTag());
            if (n == null) n = names.get(l.getLanguage());
            if (n == null) n = names.get("en");
            return n != null ? n : address();
        }

        /** The first origin: the page the assistant opens. */
        public String address() { return origins.isEmpty() ? "" : origins.get(0); }
    }

    /** SIGNED: an installed portal list verified against a pinned key; BUILT_IN: the catalog shipped with KeyBridge. */
    enum SignatureState { SIGNED, BUILT_IN, UNSIGNED }

    /** The list in force: its portals, version, signature state and where it came from (file or signer). */
    record Listing(List<Portal> portals, String version, SignatureState signature, String source) {
        public Listing {
            portals = List.copyOf(portals);
        }
    }

    Listing current();

    /** Whether {@link #update} can take a signed list in this build. */
    boolean canUpdate();

    /**
     * Verifies the signed portal list in {@code file} and puts it in force; a tampered, unsigned, older or malformed
     * list is refused with a KeyBridgeException (its message says why) and the current one kept.
     */
    Listing update(Path file);

    /** The portal to send the user to for the rebind step: the first one listed. */
    default java.util.Optional<Portal> rebindPortal() {
        return current().portals().stream().filter(p -> !p.origins().isEmpty()).findFirst();
    }

    /**
     * The effective catalog's portals: the signed portal list when one is installed (verified against the pinned keys
     * each time it is read), else the catalog built into KeyBridge; updates go through the same store and checks as
     * {@code keybridge portals update FILE}.
     */
    static PortalDirectory fromCatalog(java.nio.file.Path stateDir, java.nio.file.Path overrideFile,
                                       org.keybridge.config.signing.PinnedKeys keys) {
        return new CatalogPortals(stateDir, overrideFile, keys);
    }

    /** The configuration's allowedOrigins as portals (named by their address); unsigned, not updatable. */
    static PortalDirectory fromConfiguration(KeyBridgeConfig config, String source) {
        List<Portal> portals = config.allowedOrigins().stream().map(o -> new Portal(host(o), Map.of(), List.of(o))).toList(); // id: the host
        Listing listing = new Listing(portals, "—", SignatureState.UNSIGNED, source);
        return new PortalDirectory() {
            @Override public Listing current() { return listing; }

            @Override public boolean canUpdate() { return false; }

            @Override public Listing update(Path file) {
                throw new KeyBridgeException(ErrorCode.CONFIG_INVALID, "no signed portal list support in this build");
            }
        };
    }

    private static String host(String origin) {
        try {
            String a = URI.create(origin).getAuthority();
            return a != null ? a : origin;
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }
}
