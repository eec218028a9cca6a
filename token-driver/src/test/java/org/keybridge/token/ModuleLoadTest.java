package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.ModuleSpec;

/** A module that cannot load is reported, not thrown at start, and never crashes the process. */
class ModuleLoadTest {
    @Test
    void missingLibraryIsReportedAsNotLoaded() {
        try (TokenDriver d = TokenDriver.open(List.of(ModuleSpec.of("gone", "/nonexistent/libvendor-pkcs11.so")),
                DriverOptions.defaults())) {
            assertThat(d.modules()).singleElement().satisfies(m -> {
                assertThat(m.loaded()).isFalse();
                assertThat(m.error()).isNotBlank();
            });
            assertThat(d.tokens()).isEmpty();
            assertThatThrownBy(() -> d.certificate("ab".repeat(32))).isInstanceOfSatisfying(KeyBridgeException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MODULE_LOAD_FAILED));
        }
    }

    @Test
    void libraryWithoutPkcs11FunctionListIsNotLoaded() {
        String libc = java.nio.file.Files.exists(java.nio.file.Path.of("/lib/x86_64-linux-gnu/libc.so.6"))
                ? "/lib/x86_64-linux-gnu/libc.so.6" : "libc.so.6";
        try (TokenDriver d = TokenDriver.open(List.of(ModuleSpec.of("libc", libc)), DriverOptions.defaults())) {
            assertThat(d.modules()).singleElement().satisfies(m -> assertThat(m.loaded()).isFalse());
        }
    }
}
