package org.keybridge.config.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keybridge.config.catalog.Names;

class StrictJsonTest {
    record Inner(String name, int size) {}

    record Outer(String id, List<Inner> items, Map<String, String> extra, Names names, Boolean flag) {
        Outer {
            if (id == null || id.isEmpty()) throw new IllegalArgumentException("id is required");
        }
    }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void readsNestedRecordsListsMapsAndTheThreeLanguageNames() throws IOException {
        Outer o = StrictJson.read(b("{\"id\":\"x\",\"items\":[{\"name\":\"a\",\"size\":2}],\"extra\":{\"k\":\"v\"},"
                + "\"names\":{\"zh-CN\":\"社保\",\"en\":\"social security\",\"es\":\"seguridad social\"}}"), Outer.class);
        assertThat(o.items()).containsExactly(new Inner("a", 2));
        assertThat(o.extra()).containsEntry("k", "v");
        assertThat(o.names()).isEqualTo(new Names("社保", "social security", "seguridad social"));
        assertThat(o.flag()).isNull();
    }

    @Test
    void refusesUnknownFieldsDuplicateKeysAndTrailingData() {
        assertThatThrownBy(() -> StrictJson.read(b("{\"id\":\"x\",\"colour\":\"red\"}"), Outer.class))
                .isInstanceOf(IOException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> StrictJson.read(b("{\"id\":\"x\",\"id\":\"y\"}"), Outer.class))
                .isInstanceOf(IOException.class).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> StrictJson.read(b("{\"id\":\"x\"} {}"), Outer.class))
                .isInstanceOf(IOException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> StrictJson.readObject(b("{\"a\":1,\"a\":2}"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StrictJson.readObject(b("[1]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StrictJson.read(b("{\"id\":\"x\",\"names\":{\"fr\":\"x\"}}"), Outer.class))
                .isInstanceOf(IOException.class).hasMessageContaining("fr");
    }

    @Test
    void aRecordsOwnCheckIsTheCauseOfTheRefusal() {
        assertThatThrownBy(() -> StrictJson.read(b("{\"id\":\"\"}"), Outer.class))
                .satisfies(e -> assertThat(StrictJson.cause(e)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("id is required"));
    }

    @Test
    void protocolAnswersKeepNullsAndRecordOrderDocumentsDropNulls() {
        Outer o = new Outer("x", List.of(new Inner("a", 1)), null, null, true);
        assertThat(new String(StrictJson.protocol(o), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"x\",\"items\":[{\"name\":\"a\",\"size\":1}],\"extra\":null,\"names\":null,\"flag\":true}");
        assertThat(StrictJson.document(o)).doesNotContain("extra").contains("\"flag\" : true");
    }

    @Test
    void stringFieldsTakeTheAllowedStringsAndRefuseTheRest() throws IOException {
        var allowed = java.util.Set.of("challengeNonce", "lang");
        assertThat(StrictJson.stringFields(StrictJson.readObject(b("{\"challengeNonce\":\"n\",\"lang\":null}")), allowed, ""))
                .containsExactly(Map.entry("challengeNonce", "n"));
        assertThatThrownBy(() -> StrictJson.stringFields(StrictJson.readObject(b("{\"origin\":\"x\"}")), allowed, "arguments."))
                .hasMessageContaining("unknown field 'arguments.origin'");
        assertThatThrownBy(() -> StrictJson.stringFields(StrictJson.readObject(b("{\"lang\":5}")), allowed, ""))
                .hasMessageContaining("lang must be a string");
        assertThatThrownBy(() -> StrictJson.stringFields(List.of(), allowed, "arguments."))
                .hasMessageContaining("arguments must be an object");
    }
}
