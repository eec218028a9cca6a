package org.keybridge.config.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.catalog.PortalList;

class CatalogStoreTest {
    private final TestSigning signing = new TestSigning();
    private final List<String> warnings = new ArrayList<>();
    @TempDir Path tmp;

    private CatalogStore store() { return new CatalogStore(tmp.resolve("state"), signing.pinned, warnings::add); }

    private static ConfigCode refused(Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            return e.code();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void signedNewerCatalogIsTakenAndStoredAtomically() throws IOException {
        long embedded = CatalogLoader.embedded().sequence();
        Path f = signing.signed(tmp, "catalog.json", TestSigning.catalogTree(embedded + 1));
        Catalog c = store().updateCatalog(f);
        assertThat(c.sequence()).isEqualTo(embedded + 1);
        assertThat(store().catalog().sequence()).isEqualTo(embedded + 1);
        try (var files = Files.list(tmp.resolve("state"))) { // no temporary file left beside it
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("catalog.signed", ".lock");
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void tamperedCatalogIsRefusedAndTheCurrentKept() throws IOException {
        store().updateCatalog(signing.signed(tmp, "c2.json", TestSigning.catalogTree(5)));
        Path f = signing.signed(tmp, "c3.json", TestSigning.catalogTree(6));
        String text = Files.readString(f).replace("Feitian ePass2003", "Feitian ePass2OO3");
        Files.writeString(f, text);
        assertThat(refused(() -> store().updateCatalog(f))).isEqualTo(ConfigCode.SIGNATURE_INVALID);
        assertThat(store().catalog().sequence()).isEqualTo(5);
    }

    @Test
    void unsignedCatalogIsRefused() throws IOException {
        Path f = signing.signed(tmp, "c.json", TestSigning.catalogTree(9));
        Files.delete(tmp.resolve("c.json.sig"));
        assertThat(refused(() -> store().updateCatalog(f))).isEqualTo(ConfigCode.SIGNATURE_MISSING);
        Files.writeString(tmp.resolve("c.json.sig"), "not base64 at all!");
        assertThat(refused(() -> store().updateCatalog(f))).isEqualTo(ConfigCode.SIGNATURE_INVALID);
        assertThat(store().catalog().sequence()).isEqualTo(CatalogLoader.embedded().sequence());
    }

    @Test
    void catalogSignedByAnotherKeyIsRefused() throws IOException {
        Path f = new TestSigning().signed(tmp, "c.json", TestSigning.catalogTree(9));
        assertThat(refused(() -> store().updateCatalog(f))).isEqualTo(ConfigCode.SIGNATURE_INVALID);
    }

    @Test
    void rollbackToAnOlderOrEqualSequenceIsRefused() throws IOException {
        store().updateCatalog(signing.signed(tmp, "c7.json", TestSigning.catalogTree(7)));
        Path older = signing.signed(tmp, "c6.json", TestSigning.catalogTree(6));
        Path same = signing.signed(tmp, "c7b.json", TestSigning.catalogTree(7));
        assertThat(refused(() -> store().updateCatalog(older))).isEqualTo(ConfigCode.UPDATE_ROLLBACK);
        assertThat(refused(() -> store().updateCatalog(same))).isEqualTo(ConfigCode.UPDATE_ROLLBACK);
        // the embedded catalog counts too: an update must beat it even with nothing stored
        CatalogStore fresh = new CatalogStore(tmp.resolve("other"), signing.pinned, warnings::add);
        Path embeddedSeq = signing.signed(tmp, "c1.json", TestSigning.catalogTree(CatalogLoader.embedded().sequence()));
        assertThat(refused(() -> fresh.updateCatalog(embeddedSeq))).isEqualTo(ConfigCode.UPDATE_ROLLBACK);
        assertThat(store().catalog().sequence()).isEqualTo(7);
    }

    @Test
    void signedButMalformedOrForeignDocumentIsRefused() throws IOException {
        var bad = TestSigning.catalogTree(8);
        bad.put("surprise", true);
        Path f = signing.signed(tmp, "bad.json", bad);
        assertThat(refused(() -> store().updateCatalog(f))).isEqualTo(ConfigCode.CATALOG_INVALID);
        Path list = signing.signed(tmp, "list.json", TestSigning.portalListTree(50, "https://tax.example.cn"));
        assertThat(refused(() -> store().updateCatalog(list))).isEqualTo(ConfigCode.CATALOG_INVALID);
        Path catalogAsList = signing.signed(tmp, "cat.json", TestSigning.catalogTree(50));
        assertThat(refused(() -> store().updatePortals(catalogAsList))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }

    @Test
    void storedFileChangedOnDiskIsIgnoredWithAWarning() throws IOException {
        store().updateCatalog(signing.signed(tmp, "c.json", TestSigning.catalogTree(4)));
        Path stored = tmp.resolve("state/catalog.signed");
        Files.writeString(stored, Files.readString(stored).replace("\"sequence\":4", "\"sequence\":40"));
        assertThat(store().catalog().sequence()).isEqualTo(CatalogLoader.embedded().sequence());
        assertThat(warnings).singleElement().asString().contains("SIGNATURE_INVALID");
    }

    @Test
    void portalListReplacesTheCatalogsPortalsWithItsOwnSequence() throws IOException {
        PortalList p = store().updatePortals(signing.signed(tmp, "p.json", TestSigning.portalListTree(3, "https://tax.example.cn")));
        assertThat(p.sequence()).isEqualTo(3);
        Catalogs.Loaded loaded = Catalogs.load(tmp.resolve("state"), tmp.resolve("no-override.json"), signing.pinned);
        assertThat(loaded.catalog().allowedOrigins(false)).containsExactly("https://tax.example.cn");
        assertThat(loaded.version()).isEqualTo(CatalogLoader.embedded().sequence() + " (portals 3)");
        Path older = signing.signed(tmp, "p2.json", TestSigning.portalListTree(2, "https://evil.example.cn"));
        assertThat(refused(() -> store().updatePortals(older))).isEqualTo(ConfigCode.UPDATE_ROLLBACK);
        assertThat(store().portalList().orElseThrow().portals().get(0).origins()).containsExactly("https://tax.example.cn");
    }

    @Test
    void devPortalOriginsOnlyInDevelopmentMode() {
        Catalog c = CatalogLoader.embedded();
        assertThat(c.allowedOrigins(false)).doesNotContain("http://localhost:18080");
        assertThat(c.allowedOrigins(true)).contains("http://localhost:18080");
    }
}
