package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keybridge.cli.DemoDir.TAX;

import com.sun.jna.NativeLibrary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keybridge config sunpkcs11}: the configuration it prints works for the JDK's SunPKCS11 provider. */
class ConfigSunPkcs11CliIT {
    @TempDir static Path tmp;
    static DemoDir demo;

    @BeforeAll
    static void demoKeys() {
        demo = DemoDir.create(tmp.resolve("demo"));
    }

    @Test
    void theConfigurationSignsThroughSunPkcs11() throws Exception {
        Cli.Result r = demo.keybridge("config", "sunpkcs11", TAX);
        assertThat(r.exit()).as("%s", r).isZero();
        String library = demo.tokens.get("modules").get(0).get("library").asText();
        Matcher lib = Pattern.compile("(?m)^library\\s*=\\s*(\\S.*?)\\s*$").matcher(r.out());
        assertThat(lib.find()).as("a library = line in %s", r.out()).isTrue();
        assertThat(lib.group(1)).isEqualTo(library);
        Matcher slot = Pattern.compile("(?m)^slot\\s*=\\s*(\\d+)\\s*$").matcher(r.out());
        assertThat(slot.find()).as("a slot = line in %s", r.out()).isTrue();
        assertThat(Long.parseLong(slot.group(1))).isEqualTo(demo.token(TAX).get("slotId").asLong());
        Path softhsmConf = demo.dir.resolve("softhsm/softhsm2.conf");
        assertThat(r.out()).contains("SOFTHSM2_CONF=" + softhsmConf);

        // this JVM may hold the original library already (initialized for another store): load a copy of it
        Path copy = Files.copy(Path.of(library), tmp.resolve("libsofthsm2-copy.so"));
        String text = r.out().lines()
                .map(line -> line.matches("^library\\s*=.*") ? "library = " + copy : line)
                .collect(Collectors.joining("\n", "", "\n"));
        Path cfg = Files.writeString(tmp.resolve("sunpkcs11.cfg"), text, StandardCharsets.UTF_8);

        // SoftHSM reads SOFTHSM2_CONF in C_Initialize, from the process environment (not Java's copy of it)
        int rc = NativeLibrary.getInstance("c").getFunction("setenv")
                .invokeInt(new Object[] {"SOFTHSM2_CONF", softhsmConf.toString(), 1});
        assertThat(rc).isZero();

        Provider p = Security.getProvider("SunPKCS11").configure(cfg.toString());
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, demo.pins.get(TAX).toCharArray());
        List<String> keyAliases = Collections.list(ks.aliases()).stream().filter(a -> {
            try {
                return ks.isKeyEntry(a);
            } catch (java.security.KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(keyAliases).hasSize(1);
        String alias = keyAliases.get(0);
        Key key = ks.getKey(alias, null);
        assertThat(key).isInstanceOf(PrivateKey.class);
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        X509Certificate listed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(demo.certificateDer(TAX)));
        assertThat(cert).isEqualTo(listed);

        byte[] data = "signed through SunPKCS11 with the configuration from keybridge".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA", p);
        signer.initSign((PrivateKey) key);
        signer.update(data);
        byte[] sig = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(listed);
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();
        data[0] ^= 1;
        verifier.initVerify(listed);
        verifier.update(data);
        assertThat(verifier.verify(sig)).as("a changed byte fails").isFalse();
    }

    @Test
    void anUnknownTokenIsNoToken() {
        Cli.Result r = demo.keybridge("config", "sunpkcs11", "no-such-token");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("NO_TOKEN");
    }
}
