package org.keybridge.cli;

import java.io.PrintStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.catalog.CaIssuer;
import org.keybridge.config.catalog.Portal;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.Operation;
import org.keybridge.core.OriginPolicy;
import org.keybridge.format.AuthTokenFormat;

/**
 * The agent's allow-list: the configuration's {@code allowedOrigins}, the given extra ones, and the origins of the
 * signed portal list / catalog (dev portals only in development mode) plus the admin's override.
 */
final class CatalogOrigins {
    private CatalogOrigins() {}

    static Set<String> allowed(KeyBridgeConfig config, boolean devMode, Collection<String> extra, PrintStream warnings) {
        return allowed(config, Catalogs.load(config), devMode, extra, warnings);
    }

    /** The same with the catalog already loaded (the agent reports its version too). */
    static Set<String> allowed(KeyBridgeConfig config, Catalogs.Loaded loaded, boolean devMode, Collection<String> extra,
                               PrintStream warnings) {
        Set<String> origins = new LinkedHashSet<>(config.allowedOrigins());
        origins.addAll(extra);
        loaded.warnings().forEach(w -> warnings.println("warning: " + w));
        for (String o : loaded.catalog().allowedOrigins(devMode)) {
            try {
                AuthTokenFormat.requireValidOrigin(o, devMode);
                origins.add(o);
            } catch (IllegalArgumentException e) {
                warnings.println("warning: portal origin " + o + " skipped: " + e.getMessage());
            }
        }
        return origins;
    }

    /**
     * The agent's whole origin policy: {@link #allowed}, and for the portals' origins their {@link #operations} and
     * {@link #issuers}. An origin that is not {@code https://host[:port]} (loopback http in development mode) throws
     * {@link IllegalArgumentException}.
     */
    static OriginPolicy policy(KeyBridgeConfig config, Catalogs.Loaded loaded, boolean devMode, Collection<String> extra,
                               PrintStream warnings) {
        return new OriginPolicy(allowed(config, loaded, devMode, extra, warnings), devMode,
                operations(config, loaded, devMode, extra), issuers(config, loaded, devMode, extra, warnings));
    }

    /**
     * What each portal origin may ask for: its portals' {@code allowedOperations} (several portals with one origin:
     * the union). An origin the configuration or {@code extra} lists is left out: the administrator allowed it whole.
     */
    static Map<String, Set<Operation>> operations(KeyBridgeConfig config, Catalogs.Loaded loaded, boolean devMode,
                                                  Collection<String> extra) {
        Map<String, Set<Operation>> out = new HashMap<>();
        for (Portal p : loaded.catalog().portals()) {
            if (p.dev() && !devMode) continue;
            Set<Operation> ops = EnumSet.noneOf(Operation.class);
            for (String name : p.allowedOperations()) {
                for (Operation o : Operation.values()) if (o.wireName.equals(name)) ops.add(o);
            }
            for (String origin : p.origins()) out.computeIfAbsent(origin, k -> EnumSet.noneOf(Operation.class)).addAll(ops);
        }
        out.keySet().removeAll(config.allowedOrigins());
        out.keySet().removeAll(extra);
        return out;
    }

    /**
     * Which certificates each portal origin is offered: the issuer DN patterns of its portals' {@code trustedIssuers}.
     * Only where the catalog knows patterns for every one of them (a CA nobody has described yet cannot be recognised,
     * and hiding a key the portal would accept is worse than one PIN prompt too many); origins the configuration or
     * {@code extra} list are left out, as are portals that name no CA.
     */
    static Map<String, List<Pattern>> issuers(KeyBridgeConfig config, Catalogs.Loaded loaded, boolean devMode,
                                              Collection<String> extra, PrintStream warnings) {
        Map<String, List<Pattern>> out = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (Portal p : loaded.catalog().portals()) {
            if (p.dev() && !devMode) continue;
            List<Pattern> patterns = new ArrayList<>();
            boolean complete = !p.trustedIssuers().isEmpty();
            for (String id : p.trustedIssuers()) {
                List<String> dns = loaded.catalog().issuer(id).map(CaIssuer::issuerDnPatterns).orElse(List.of());
                if (dns.isEmpty()) complete = false;
                for (String dn : dns) {
                    try {
                        patterns.add(Pattern.compile(dn));
                    } catch (PatternSyntaxException e) {
                        warnings.println("warning: CA " + id + ": issuer pattern " + dn + " skipped: " + e.getDescription());
                        complete = false;
                    }
                }
            }
            for (String origin : p.origins()) {
                if (!complete) unknown.add(origin);
                else out.computeIfAbsent(origin, k -> new ArrayList<>()).addAll(patterns);
            }
        }
        out.keySet().removeAll(unknown);
        out.keySet().removeAll(config.allowedOrigins());
        out.keySet().removeAll(extra);
        return out;
    }
}
