package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.catalog.Names;
import org.keybridge.config.catalog.Portal;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.Operation;

/** The allow-list's operations per origin, from the portals of a catalog. */
class CatalogOriginsTest {
    static Portal portal(String id, List<String> origins, List<String> operations, boolean dev) {
        return portal(id, origins, operations, List.of(), dev);
    }

    static Portal portal(String id, List<String> origins, List<String> operations, List<String> issuers, boolean dev) {
        return new Portal(id, new Names("门户", "Portal", "Portal"), origins, operations, issuers, dev, true, List.of("DEMO"), null);
    }

    static Catalogs.Loaded loaded(Portal... portals) {
        Catalog c = CatalogLoader.embedded().withPortals(List.of(portals));
        return new Catalogs.Loaded(c, c.sequence(), 0, List.of());
    }

    @Test
    void eachPortalOriginGetsItsPortalsOperationsAndTheAdministratorsOriginsGetAll() {
        Catalogs.Loaded l = loaded(
                portal("a", List.of("https://a.example.cn", "https://shared.example.cn"), List.of("authenticate"), false),
                portal("b", List.of("https://shared.example.cn"), List.of("status", "bind-certificate"), false),
                portal("c", List.of("https://admin.example.cn"), List.of("status"), false),
                portal("d", List.of("http://localhost:18080"), List.of("status"), true));
        KeyBridgeConfig config = KeyBridgeConfig.of(List.of()).withOrigins(List.of("https://admin.example.cn"), false);

        var ops = CatalogOrigins.operations(config, l, false, List.of("https://extra.example.cn"));
        assertThat(ops.get("https://a.example.cn")).containsExactly(Operation.AUTHENTICATE);
        assertThat(ops.get("https://shared.example.cn")).containsExactlyInAnyOrder(Operation.AUTHENTICATE, Operation.STATUS,
                Operation.BIND_CERTIFICATE);
        assertThat(ops).as("configured by the administrator: every operation").doesNotContainKey("https://admin.example.cn");
        assertThat(ops).as("a dev portal outside dev mode is not served at all").doesNotContainKey("http://localhost:18080");
        assertThat(CatalogOrigins.operations(config, l, true, List.of())).containsKey("http://localhost:18080");
    }

    @Test
    void anOriginIsFilteredByIssuerOnlyWhenEveryCaItsPortalsAcceptIsRecognisable() {
        List<String> all = List.of("status", "certificates", "authenticate", "bind-certificate");
        Catalogs.Loaded l = loaded(
                portal("demo-cas", List.of("https://known.example.cn"), all, List.of("demo.social-security-ca", "demo.tax-ca"), false),
                portal("real-ca", List.of("https://unknown.example.cn"), all, List.of("demo.tax-ca", "guoxin"), false),
                portal("no-ca", List.of("https://any.example.cn"), all, List.of(), false),
                portal("demo-cas-too", List.of("https://admin.example.cn"), all, List.of("demo.tax-ca"), false));
        KeyBridgeConfig config = KeyBridgeConfig.of(List.of()).withOrigins(List.of("https://admin.example.cn"), false);
        var warnings = new java.io.ByteArrayOutputStream();

        var issuers = CatalogOrigins.issuers(config, l, false, List.of(), new java.io.PrintStream(warnings));
        assertThat(issuers.keySet()).as("guoxin has no patterns yet; no CA named; the administrator's origin")
                .containsExactly("https://known.example.cn");
        List<String> dns = List.of("CN=Demo Social Security CA,O=KeyBridge Demo,C=CN", "CN=Demo Tax CA,O=KeyBridge Demo,C=CN",
                "CN=Demo SM2 Tax CA,O=KeyBridge Demo,C=CN");
        for (String dn : dns) {
            assertThat(issuers.get("https://known.example.cn")).as(dn).anyMatch(p -> p.matcher(dn).find());
        }
        assertThat(issuers.get("https://known.example.cn")).noneMatch(p -> p.matcher("CN=Bank U-Shield CA,O=Bank,C=CN").find());
        assertThat(warnings.toString()).isEmpty();
    }
}
