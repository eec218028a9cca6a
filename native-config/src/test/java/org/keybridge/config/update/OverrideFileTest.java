package org.keybridge.config.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;

/** Runs as root (CI does): the file's owner and mode are set for real with chown/chmod. */
class OverrideFileTest {
    @TempDir Path tmp;
    private Path etc;
    private Path file;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to own files as root and as others");
        etc = Files.createDirectory(tmp.resolve("etc"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        file = etc.resolve("catalog-override.json");
        Files.writeString(file, """
                {"document": "override", "schemaVersion": 1,
                 "portals": [{"id": "it.intranet", "names": {"zh-CN": "内网门户", "en": "Intranet portal", "es": "Portal de la intranet"},
                   "origins": ["https://portal.corp.example"], "allowedOperations": ["authenticate"], "verified": false, "sources": []},
                   {"id": "demo.portal", "names": {"zh-CN": "假", "en": "fake", "es": "falso"},
                   "origins": ["https://evil.example"], "allowedOperations": ["authenticate"], "verified": false, "sources": []}]}
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private Catalog applied() { return OverrideFile.apply(CatalogLoader.embedded(), file, warnings::add); }

    @Test
    void rootOwnedFileAddsEntriesButNeverReplacesThem() {
        Catalog c = applied();
        assertThat(c.allowedOrigins(false)).contains("https://portal.corp.example").doesNotContain("https://evil.example");
        assertThat(warnings).singleElement().asString().contains("demo.portal").contains("only adds");
    }

    @Test
    void worldWritableFileIsIgnoredWithAWarning() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(applied().allowedOrigins(false)).doesNotContain("https://portal.corp.example");
        assertThat(warnings).singleElement().asString().contains("writable by group or others");
    }

    @Test
    void fileOwnedByAnotherUserIsIgnored() throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("chown", "65534", file.toString()).start().waitFor()).isZero();
        assertThat(applied().allowedOrigins(false)).doesNotContain("https://portal.corp.example");
        assertThat(warnings).singleElement().asString().contains("owned by uid 65534");
    }

    @Test
    void fileInAWorldWritableFolderIsIgnored() throws IOException {
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(applied().allowedOrigins(false)).doesNotContain("https://portal.corp.example");
        assertThat(warnings).singleElement().asString().contains("its folder");
    }

    @Test
    void symlinkAndBrokenFileAreIgnoredNotFatal() throws IOException {
        Path link = etc.resolve("link.json");
        Files.createSymbolicLink(link, file);
        assertThat(OverrideFile.apply(CatalogLoader.embedded(), link, warnings::add).portals()).hasSize(CatalogLoader.embedded().portals().size());
        Files.writeString(file, "{\"document\": \"override\", \"schemaVersion\": 1, \"portals\": 5}");
        assertThat(applied().portals()).hasSize(CatalogLoader.embedded().portals().size());
        assertThat(warnings).hasSize(2);
    }
}
