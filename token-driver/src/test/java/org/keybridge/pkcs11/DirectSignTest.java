package org.keybridge.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.testkeys.TestKeys;

/** The fast signing path is taken only where it is safe; the generic one everywhere else. */
class DirectSignTest {
    @TempDir Path work;

    @Test
    void moduleExportingOnlyTheFunctionListSignsThroughTheGenericPath() {
        DemoKeys.DemoKeySet keys = TestKeys.fresh("direct");
        try (Pkcs11Module fault = Pkcs11Module.open(TestKeys.faulty(keys, work.resolve("f"), work.resolve("c")))) {
            assertThat(fault.call(Pkcs11Library::directSign)).isFalse();
        }
    }

    @Test
    void atMostOneLibraryIsBoundAndAModuleExportingItsFunctionsCanBeIt() {
        DemoKeys.DemoKeySet a = TestKeys.fresh("direct-a"), b = TestKeys.fresh("direct-b");
        try (Pkcs11Module ma = Pkcs11Module.open(a.moduleSpec()); Pkcs11Module mb = Pkcs11Module.open(b.moduleSpec())) {
            boolean da = ma.call(Pkcs11Library::directSign), db = mb.call(Pkcs11Library::directSign);
            assertThat(da && db).as("two different library files cannot share one direct binding").isFalse();
        }
    }
}
