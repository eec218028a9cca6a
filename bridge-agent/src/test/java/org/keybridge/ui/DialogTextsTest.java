package org.keybridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.keybridge.core.Purpose;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.PinFlag;
import org.keybridge.token.PinState;

/** What the dialogs say, in the three languages, from the dialog.* keys of the message catalog. */
class DialogTextsTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE, ES = new Locale("es");

    static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = DialogTextsTest.class.getResourceAsStream("/org/keybridge/error/messages" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> dialogKeys(Properties p) {
        Set<String> keys = new TreeSet<>();
        for (String k : p.stringPropertyNames()) if (k.startsWith("dialog.")) keys.add(k);
        return keys;
    }

    @Test
    void everyDialogKeyIsInTheFourBundlesAndTranslated() throws IOException {
        Properties def = bundle(""), en = bundle("_en"), zh = bundle("_zh_CN"), es = bundle("_es");
        Set<String> keys = dialogKeys(def);
        assertThat(keys).hasSizeGreaterThanOrEqualTo(20).contains("dialog.warning.FINAL_TRY", "dialog.warning.COUNT_LOW",
                "dialog.purpose.LOGIN", "dialog.purpose.BIND");
        assertThat(dialogKeys(en)).isEqualTo(keys);
        assertThat(dialogKeys(zh)).isEqualTo(keys);
        assertThat(dialogKeys(es)).isEqualTo(keys);
        for (String k : keys) {
            assertThat(en.getProperty(k)).as(k).isEqualTo(def.getProperty(k));
            assertThat(zh.getProperty(k)).as(k).isNotEqualTo(en.getProperty(k));
            if (!k.equals("dialog.pin")) assertThat(es.getProperty(k)).as(k).isNotEqualTo(en.getProperty(k));
        }
    }

    @Test
    void headlineNamesTheOriginAndThePurpose() {
        assertThat(new DialogTexts(Locale.ENGLISH).headline(Fixtures.ORIGIN, Purpose.LOGIN))
                .isEqualTo("https://si.example.gov.cn asks to log in with your key.");
        assertThat(new DialogTexts(Locale.US).headline("https://tax.example.cn:8443", Purpose.BIND))
                .isEqualTo("https://tax.example.cn:8443 asks to bind this key to your account at tax.example.cn:8443.");
        assertThat(new DialogTexts(ZH).headline(Fixtures.ORIGIN, Purpose.LOGIN)).isEqualTo("https://si.example.gov.cn 请求使用您的 UKey 登录。");
        assertThat(new DialogTexts(Locale.TRADITIONAL_CHINESE).headline(Fixtures.ORIGIN, Purpose.BIND))
                .isEqualTo("https://si.example.gov.cn 请求将此 UKey 绑定到您在 si.example.gov.cn 的账户。");
        assertThat(new DialogTexts(Locale.forLanguageTag("es-MX")).headline(Fixtures.ORIGIN, Purpose.LOGIN))
                .isEqualTo("https://si.example.gov.cn solicita iniciar sesión con su llave.");
        assertThat(new DialogTexts(Locale.GERMAN).locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void certificateLinesSayHolderOrganizationUsccIssuerValidityAndKey() {
        var lines = new DialogTexts(ZH).certificateLines(Fixtures.tax(), "地税CA");
        assertThat(lines).extracting(DialogTexts.Line::key)
                .containsExactly("holder", "organization", "uscc", "issuer", "validity", "token");
        assertThat(lines).extracting(DialogTexts.Line::value).startsWith("张三", "深圳市示例科技有限公司",
                "91440300MA5KBD018E", "Demo Tax CA");
        assertThat(lines.get(0).label()).isEqualTo("证书持有者");
        assertThat(lines.get(4).value()).contains("2025").contains("2027").contains("至");
        assertThat(lines.get(5).value()).isEqualTo("地税CA");
        assertThat(new DialogTexts(ZH).status(Fixtures.tax())).startsWith("有效期至 2027");
    }

    @Test
    void organizationIsLeftOutWhenItIsTheHolderAndUsccWhenAbsent() {
        var c = Fixtures.certificate("bb", "CN=ACME S.L.,O=ACME S.L.,C=ES", "CN=Root\\, Issuing CA,C=ES", null,
                CertificateStatus.EXPIRING_SOON);
        var lines = new DialogTexts(ES).certificateLines(c, null);
        assertThat(lines).extracting(DialogTexts.Line::key).containsExactly("holder", "issuer", "validity", "token");
        assertThat(lines.get(1).value()).isEqualTo("Root, Issuing CA");
        assertThat(lines.get(3).value()).as("the certificate's token label").isEqualTo("地税CA");
        assertThat(new DialogTexts(ES).status(c)).startsWith("Caduca el");
    }

    @Test
    void finalTryIsTheStrongWarningCountLowTheMildOneAndOtherwiseNone() {
        DialogTexts en = new DialogTexts(Locale.ENGLISH);
        assertThat(en.warning(new PinState(EnumSet.of(PinFlag.COUNT_LOW, PinFlag.FINAL_TRY))))
                .hasValueSatisfying(w -> assertThat(w).startsWith("Last try: one more wrong PIN locks this key"));
        assertThat(en.warning(new PinState(Set.of(PinFlag.COUNT_LOW))))
                .hasValueSatisfying(w -> assertThat(w).startsWith("A wrong PIN was entered before."));
        assertThat(en.warning(new PinState(Set.of()))).isEmpty();
        assertThat(en.warning(new PinState(Set.of(PinFlag.TO_BE_CHANGED)))).isEmpty();
        assertThat(en.warning(null)).isEmpty();
        assertThat(new DialogTexts(ZH).warning(new PinState(Set.of(PinFlag.FINAL_TRY)))).hasValueSatisfying(w -> assertThat(w).contains("锁定"));
        assertThat(new DialogTexts(ES).warning(new PinState(Set.of(PinFlag.FINAL_TRY)))).hasValueSatisfying(w -> assertThat(w).contains("bloqueará"));
    }

    @Test
    void namesComeFromTheMostSpecificAttribute() {
        assertThat(DialogTexts.rdn("CN=a,OU=x,O=b,C=CN", "cn")).isEqualTo("a");
        assertThat(DialogTexts.rdn("CN=a,O=b,C=CN", "O")).isEqualTo("b");
        assertThat(DialogTexts.rdn("O=b,C=CN", "CN")).isNull();
        assertThat(DialogTexts.rdn("not a dn", "CN")).isNull();
        assertThat(DialogTexts.shortName(Fixtures.certificate("c", "O=Only Org,C=CN", "CN=I", null, CertificateStatus.VALID)))
                .isEqualTo("Only Org");
        assertThat(DialogTexts.host("https://a.example:8443")).isEqualTo("a.example:8443");
    }
}
