package org.keybridge.config.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

/**
 * The token catalog: which keys exist, which native module serves each, which portals the agent serves.
 * Loaded by {@link CatalogLoader} (schema-checked, strict); ids are unique per kind and every reference resolves.
 *
 * @param document always {@code catalog} (so a signed portal list can never pass as a catalog)
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param sequence grows with every published catalog; an update must carry a larger one
 */
public record Catalog(String document, int schemaVersion, long sequence, String published, List<Source> sources,
                      List<Vendor> vendors, List<CaIssuer> caIssuers, List<TokenModel> tokenModels,
                      List<NativeModule> modules, List<DriverPackage> driverPackages, List<Portal> portals,
                      List<Quirk> quirks) {
    public static final int SCHEMA_VERSION = 1;
    public static final String DOCUMENT = "catalog";

    public Catalog {
        sources = Lists.of(sources);
        vendors = Lists.of(vendors);
        caIssuers = Lists.of(caIssuers);
        tokenModels = Lists.of(tokenModels);
        modules = Lists.of(modules);
        driverPackages = Lists.of(driverPackages);
        portals = Lists.of(portals);
        quirks = Lists.of(quirks);
        checkReferences(sources, vendors, caIssuers, tokenModels, modules, driverPackages, portals, quirks);
    }

    /** Models whose ATR pattern matches, in catalog order (several may: a generic family and a specific build). */
    public List<TokenModel> matchAtr(byte[] atr) { return tokenModels.stream().filter(m -> m.matchesAtr(atr)).toList(); }

    /** Models with this USB vendor and product id, in catalog order (some VID:PIDs are shared, see the quirks). */
    public List<TokenModel> matchUsb(int vid, int pid) { return tokenModels.stream().filter(m -> m.matchesUsb(vid, pid)).toList(); }

    /**
     * The portals' origins the agent serves: every non-dev portal's, and the dev portals' only in development mode.
     */
    public java.util.Set<String> allowedOrigins(boolean devMode) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Portal p : portals) if (devMode || !p.dev()) out.addAll(p.origins());
        return out;
    }

    public Optional<NativeModule> module(String id) { return find(modules, NativeModule::id, id); }

    public Optional<TokenModel> model(String id) { return find(tokenModels, TokenModel::id, id); }

    public Optional<Vendor> vendor(String id) { return find(vendors, Vendor::id, id); }

    public Optional<CaIssuer> issuer(String id) { return find(caIssuers, CaIssuer::id, id); }

    public Optional<Quirk> quirk(String id) { return find(quirks, Quirk::id, id); }

    /** The modules of a model, best first. */
    public List<NativeModule> modulesOf(TokenModel m) { return m.modules().stream().map(id -> module(id).orElseThrow()).toList(); }

    /** A copy with another portal list (a signed portal list replaces the catalog's own portals). */
    public Catalog withPortals(List<Portal> newPortals) {
        return new Catalog(document, schemaVersion, sequence, published, sources, vendors, caIssuers, tokenModels,
                modules, driverPackages, newPortals, quirks);
    }

    /** A copy with entries added; the caller has made sure their ids are new. */
    public Catalog plus(List<Vendor> v, List<CaIssuer> c, List<TokenModel> t, List<NativeModule> m,
                        List<Portal> p, List<Quirk> q) {
        return new Catalog(document, schemaVersion, sequence, published, sources, concat(vendors, v),
                concat(caIssuers, c), concat(tokenModels, t), concat(modules, m), driverPackages, concat(portals, p),
                concat(quirks, q));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        if (b != null) out.addAll(b);
        return out;
    }

    private static <T> Optional<T> find(List<T> list, Function<T, String> id, String wanted) {
        return list.stream().filter(e -> id.apply(e).equals(wanted)).findFirst();
    }

    private static void checkReferences(List<Source> sources, List<Vendor> vendors, List<CaIssuer> issuers,
                                        List<TokenModel> models, List<NativeModule> modules,
                                        List<DriverPackage> packages, List<Portal> portals, List<Quirk> quirks) {
        Set<String> s = ids("source", sources, Source::id);
        Set<String> v = ids("vendor", vendors, Vendor::id);
        Set<String> i = ids("caIssuer", issuers, CaIssuer::id);
        Set<String> t = ids("tokenModel", models, TokenModel::id);
        Set<String> m = ids("module", modules, NativeModule::id);
        ids("driverPackage", packages, DriverPackage::id);
        ids("portal", portals, Portal::id);
        Set<String> q = ids("quirk", quirks, Quirk::id);
        for (Vendor e : vendors) refs("vendor " + e.id(), "source", e.sources(), s);
        for (CaIssuer e : issuers) refs("caIssuer " + e.id(), "source", e.sources(), s);
        for (TokenModel e : models) {
            String w = "tokenModel " + e.id();
            refs(w, "vendor", List.of(e.vendor()), v);
            refs(w, "module", e.modules(), m);
            refs(w, "quirk", e.quirks(), q);
            refs(w, "source", e.sources(), s);
        }
        for (NativeModule e : modules) {
            if (e.vendor() != null) refs("module " + e.id(), "vendor", List.of(e.vendor()), v);
            refs("module " + e.id(), "source", e.sources(), s);
            refs("module " + e.id() + " sm2Roles", "sm2Mechanisms name", List.copyOf(e.sm2Roles().keySet()),
                    e.sm2Mechanisms().keySet());
        }
        for (DriverPackage e : packages) {
            String w = "driverPackage " + e.id();
            refs(w, "vendor", List.of(e.vendor()), v);
            refs(w, "tokenModel", e.models(), t);
            refs(w, "module", e.modules(), m);
            refs(w, "source", e.sources(), s);
        }
        for (Portal e : portals) {
            refs("portal " + e.id(), "caIssuer", e.trustedIssuers(), i);
            refs("portal " + e.id(), "source", e.sources(), s);
        }
        for (Quirk e : quirks) {
            refs("quirk " + e.id(), "tokenModel", e.models(), t);
            refs("quirk " + e.id(), "module", e.modules(), m);
            refs("quirk " + e.id(), "source", e.sources(), s);
        }
    }

    private static <T> Set<String> ids(String kind, List<T> list, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        for (T e : list) {
            if (!seen.add(id.apply(e))) throw invalid("two " + kind + " entries with id " + id.apply(e));
        }
        return seen;
    }

    private static void refs(String where, String kind, List<String> refs, Set<String> known) {
        for (String r : refs) {
            if (!known.contains(r)) throw invalid(where + " names " + kind + " " + r + ", which the catalog does not hold");
        }
    }

    private static ConfigException invalid(String message) { return new ConfigException(ConfigCode.CATALOG_INVALID, message); }
}
