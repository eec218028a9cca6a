package org.keybridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.PinDialog;
import org.keybridge.core.Purpose;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.PinFlag;
import org.keybridge.token.PinState;

/** The terminal says what the dialog says, reads the PIN without echo, and cancels on an empty answer. */
class ConsoleInteractionTest {
    final StringWriter out = new StringWriter();
    final List<String> prompts = new ArrayList<>();
    final Deque<String> answers = new ArrayDeque<>();

    ConsoleInteraction console() {
        return new ConsoleInteraction(new PrintWriter(out, true), p -> {
            prompts.add(p);
            String a = answers.poll();
            return a == null ? null : a.toCharArray();
        }, p -> {
            prompts.add(p);
            return answers.poll();
        });
    }

    @Test
    void pinPromptShowsOriginPurposeCertificateAndTheFinalTryWarning() {
        answers.add("123456");
        char[] pin = console().askPin(new PinDialog(Fixtures.ORIGIN, Purpose.BIND, Fixtures.tax(), "地税CA",
                new PinState(Set.of(PinFlag.FINAL_TRY)), Locale.SIMPLIFIED_CHINESE));
        assertThat(pin).containsExactly('1', '2', '3', '4', '5', '6');
        assertThat(out.toString()).contains("https://si.example.gov.cn 请求将此 UKey 绑定到您在 si.example.gov.cn 的账户。")
                .contains("证书持有者: 张三").contains("统一社会信用代码: 91440300MA5KBD018E").contains("颁发机构: Demo Tax CA")
                .contains("有效期至 2027").contains("!!! 最后一次机会");
        assertThat(prompts).containsExactly("UKey“地税CA”的 PIN 码（输入时不显示）： ");
    }

    @Test
    void emptyPinOrEndOfInputCancels() {
        answers.add("");
        PinDialog d = new PinDialog(Fixtures.ORIGIN, Purpose.LOGIN, Fixtures.tax(), "地税CA", new PinState(Set.of()), Locale.ENGLISH);
        assertThat(console().askPin(d)).isNull();
        assertThat(console().askPin(d)).isNull(); // no more input
        assertThat(out.toString()).contains("https://si.example.gov.cn asks to log in with your key.").doesNotContain("!");
    }

    @Test
    void certificateIsChosenByNumberAndAnEmptyLineCancels() {
        var a = Fixtures.tax();
        var b = Fixtures.certificate("bb22", "CN=Other,C=CN", "CN=Demo Social Security CA", null, CertificateStatus.EXPIRING_SOON);
        CertificateChoice choice = new CertificateChoice(Fixtures.ORIGIN, Purpose.LOGIN, List.of(a, b), new Locale("es"));
        answers.addAll(List.of("x", "9", "2"));
        assertThat(console().chooseCertificate(choice)).contains("bb22");
        assertThat(out.toString()).contains("1) 张三 (地税CA), emitido por Demo Tax CA.").contains("2) Other");
        answers.add("");
        assertThat(console().chooseCertificate(choice)).isEmpty();
    }
}
