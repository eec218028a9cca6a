package org.keybridge.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.swing.JLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.core.PinDialog;
import org.keybridge.core.Purpose;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.PinState;

/** Which way the agent asks, and the Swing side's guards that need no display. */
class InteractionsTest {
    @TempDir Path dir;

    @Test
    void aPinFileWinsThenTheDisplayThenTheConsole() throws Exception {
        Path f = Files.writeString(dir.resolve("pin"), "123456\n");
        assertThat(Interactions.choose(f, false, null)).isInstanceOf(PinFileInteraction.class);
        assertThat(Interactions.choose(f, true, null)).isInstanceOf(PinFileInteraction.class);
        assertThat(Interactions.choose(null, false, null)).isInstanceOf(SwingInteraction.class);
    }

    @Test
    void withoutDisplayConsoleOrPinFileThereIsNoWayToAsk() {
        assertThatThrownBy(() -> Interactions.choose(null, true, null)).isInstanceOf(KeyBridgeException.class)
                .hasMessageContaining("no way to ask for the PIN: run with a display or --pin-file")
                .satisfies(e -> assertThat(((KeyBridgeException) e).code()).isEqualTo(ErrorCode.PIN_CANCELLED));
    }

    @Test
    void forAgentInThisHeadlessTestJvmRefusesWithPinCancelled() {
        assumeTrue(GraphicsEnvironment.isHeadless() && System.console() == null);
        assertThatThrownBy(() -> Interactions.forAgent(null)).isInstanceOf(KeyBridgeException.class)
                .satisfies(e -> assertThat(((KeyBridgeException) e).code()).isEqualTo(ErrorCode.PIN_CANCELLED));
    }

    @Test
    void swingDialogWithoutDisplayIsPinCancelledNotACrash() {
        assumeTrue(GraphicsEnvironment.isHeadless());
        PinDialog d = new PinDialog(Fixtures.ORIGIN, Purpose.LOGIN, Fixtures.tax(), "地税CA", new PinState(Set.of()), Locale.ENGLISH);
        assertThatThrownBy(() -> new SwingInteraction().askPin(d)).isInstanceOf(KeyBridgeException.class)
                .satisfies(e -> assertThat(((KeyBridgeException) e).code()).isEqualTo(ErrorCode.PIN_CANCELLED));
    }

    @Test
    void timeoutDefaultsTo120SecondsAndMustBePositive() {
        assertThat(new SwingInteraction().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(new SwingInteraction(Duration.ofSeconds(5)).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new SwingInteraction(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SwingInteraction(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certificateTextNeverBecomesMarkup() {
        String evil = "<img src='http://evil.example/x.png'>&<b>";
        JLabel l = SwingInteraction.label("holder", evil, new Font(Font.DIALOG, Font.PLAIN, 12), Color.BLACK, 0);
        assertThat(l.getText()).isEqualTo("<html>&lt;img src=&#39;http://evil.example/x.png&#39;&gt;&amp;&lt;b&gt;</html>");
        assertThat(l.getClientProperty(SwingInteraction.TEXT)).isEqualTo(evil);
        JLabel h = SwingInteraction.headline("https://a.example asks <b>x</b> at a.example.", "https://a.example",
                new Font(Font.DIALOG, Font.BOLD, 16));
        assertThat(h.getText()).contains("<nobr><font color='#0b4f9c'>https://a.example</font></nobr> asks &lt;b&gt;x&lt;/b&gt; at "
                + "<nobr><font color='#0b4f9c'>a.example</font></nobr>.");
    }
}
