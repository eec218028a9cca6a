package org.keybridge.config.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

class CatalogLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode embeddedTree() throws IOException {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static byte[] bytes(ObjectNode n) throws IOException { return JSON.writeValueAsBytes(n); }

    private static ConfigCode refusal(byte[] json) {
        try {
            CatalogLoader.get().catalog(json, "test");
        } catch (ConfigException e) {
            return e.code();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void embeddedCatalogPassesSchemaAndReferences() throws IOException {
        Catalog c = CatalogLoader.get().catalog(bytes(embeddedTree()), "embedded, with the schema");
        assertThat(c).isEqualTo(CatalogLoader.embedded());
        assertThat(c.schemaVersion()).isEqualTo(1);
        assertThat(c.sequence()).isPositive();
        assertThat(c.tokenModels()).extracting(TokenModel::id)
                .contains("demo.softhsm2", "feitian.epass2003", "feitian.epass3000gm", "longmai.gm3000", "watchdata.usbkey", "haitai.sm2");
        for (TokenModel m : c.tokenModels()) {
            assertThat(m.names().zhCN()).as(m.id()).isNotBlank();
            assertThat(m.names().es()).as(m.id()).isNotBlank();
            assertThat(m.sources()).as(m.id() + " cites a source").isNotEmpty();
        }
    }

    @Test
    void demoEntriesAreTheSoftHsmModuleAndTheDevPortal() {
        Catalog c = CatalogLoader.embedded();
        TokenModel demo = c.model("demo.softhsm2").orElseThrow();
        assertThat(demo.demo()).isTrue();
        assertThat(demo.verified()).isTrue();
        NativeModule m = c.modulesOf(demo).get(0);
        assertThat(m.candidates(new Platform("linux", "x86_64"))).containsExactly(java.nio.file.Path.of("/usr/lib/softhsm/libsofthsm2.so"));
        Portal p = c.portals().stream().filter(x -> x.id().equals("demo.portal")).findFirst().orElseThrow();
        assertThat(p.origins()).containsExactly("http://localhost:18080");
        assertThat(p.dev()).isTrue();
    }

    @Test
    void atrWithMaskMatchesEveryEpass2003Version() {
        Catalog c = CatalogLoader.embedded();
        // smartcard_list.txt's 2012 ePass2003 ATR: the masked historical bytes differ from the catalog's pattern
        byte[] atr = java.util.HexFormat.of().parseHex("3B9F958131FE9F006646530510043171DF0000036A82CD");
        assertThat(c.matchAtr(atr)).extracting(TokenModel::id).containsExactly("feitian.epass2003");
        atr[16] ^= 0x01; // an unmasked byte changed: no longer that card
        assertThat(c.matchAtr(atr)).isEmpty();
        assertThat(c.matchAtr(java.util.Arrays.copyOf(atr, 22))).isEmpty();
    }

    @Test
    void usbLookupFindsModelsAndTheirModules() {
        Catalog c = CatalogLoader.embedded();
        assertThat(c.matchUsb(0x055C, 0xE618)).extracting(TokenModel::id).containsExactly("longmai.gm3000");
        assertThat(c.matchUsb(0x096E, 0x0807)).extracting(TokenModel::id).containsExactly("feitian.epass2003");
        assertThat(c.matchUsb(0x1234, 0x5678)).isEmpty();
        assertThat(c.module("longmai.gm3000.skf").orElseThrow().fileName(new Platform("linux", "x86_64"))).contains("libgm3000.1.0.so");
        assertThat(c.module("nope")).isEmpty();
    }

    @Test
    void unknownFieldIsRefused() throws IOException {
        ObjectNode n = embeddedTree();
        ((ObjectNode) n.withArray("tokenModels").get(0)).put("colour", "red");
        assertThat(refusal(bytes(n))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }

    @Test
    void unknownSchemaVersionHasItsOwnCode() throws IOException {
        ObjectNode n = embeddedTree();
        n.put("schemaVersion", 2);
        assertThatThrownBy(() -> CatalogLoader.get().catalog(bytes(n), "test"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schemaVersion 2")
                .extracting(e -> ((ConfigException) e).code()).isEqualTo(ConfigCode.CATALOG_VERSION_UNSUPPORTED);
    }

    @Test
    void danglingReferenceIsRefused() throws IOException {
        ObjectNode n = embeddedTree();
        ((ArrayNode) n.withArray("tokenModels").get(0).withArray("modules")).add("no.such.module");
        assertThatThrownBy(() -> CatalogLoader.get().catalog(bytes(n), "test")).hasMessageContaining("no.such.module");
        assertThat(refusal(bytes(n))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }

    /** sm2Roles names a role for a vendor spelling the module's sm2Mechanisms holds; nothing else is accepted. */
    @Test
    void sm2RolesNameARoleForAMechanismOfTheSameModule() throws IOException {
        ObjectNode n = embeddedTree();
        ObjectNode haitai = null;
        for (var m : n.withArray("modules")) if (m.get("id").asText().equals("haitai.htpkcs11")) haitai = (ObjectNode) m;
        assertThat(haitai).isNotNull();
        haitai.putObject("sm2Roles").put("CKM_SM2_SM3_SIGN_VERIFY", "CKM_SM3_SM2");
        NativeModule m = CatalogLoader.get().catalog(bytes(n), "test").module("haitai.htpkcs11").orElseThrow();
        assertThat(m.sm2Roles()).containsExactly(java.util.Map.entry("CKM_SM2_SM3_SIGN_VERIFY", "CKM_SM3_SM2"));
        assertThat(m.sm2Mechanisms()).containsEntry("CKM_SM2_SM3_SIGN_VERIFY", "0x00010004");

        ((ObjectNode) haitai.get("sm2Roles")).put("CKM_SM2_SIGN_VERIFY", "CKM_SM2_SIGN_NOT_A_ROLE");
        assertThat(refusal(bytes(n))).as("a role token-driver does not know").isEqualTo(ConfigCode.CATALOG_INVALID);
        haitai.putObject("sm2Roles").put("CKM_NOT_IN_THE_MAP", "CKM_SM2_SIGN");
        assertThatThrownBy(() -> CatalogLoader.get().catalog(bytes(n), "test")).hasMessageContaining("CKM_NOT_IN_THE_MAP");
        assertThat(refusal(bytes(n))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }

    @Test
    void duplicateIdsAndDuplicateKeysAreRefused() throws IOException {
        ObjectNode n = embeddedTree();
        n.withArray("vendors").add(n.withArray("vendors").get(0).deepCopy());
        assertThat(refusal(bytes(n))).isEqualTo(ConfigCode.CATALOG_INVALID);
        String twice = new String(bytes(embeddedTree()), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"sequence\":7,");
        assertThat(refusal(twice.getBytes(StandardCharsets.UTF_8))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }

    @Test
    void malformedAndForeignDocumentsAreRefused() throws IOException {
        assertThat(refusal("{\"document\":".getBytes(StandardCharsets.UTF_8))).isEqualTo(ConfigCode.CATALOG_INVALID);
        assertThat(refusal("[]".getBytes(StandardCharsets.UTF_8))).isEqualTo(ConfigCode.CATALOG_INVALID);
        ObjectNode n = embeddedTree();
        n.put("document", "portals");
        assertThat(refusal(bytes(n))).isEqualTo(ConfigCode.CATALOG_INVALID);
        ObjectNode badOrigin = embeddedTree();
        ((ArrayNode) badOrigin.withArray("portals").get(0).withArray("origins")).add("https://example.com/path");
        assertThat(refusal(bytes(badOrigin))).isEqualTo(ConfigCode.CATALOG_INVALID);
    }
}
