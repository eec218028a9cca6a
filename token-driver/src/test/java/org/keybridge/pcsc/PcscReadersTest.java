package org.keybridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readers, cards and ATRs through jnasmartcardio over a real pcscd with vpcd readers and the vicc card. */
class PcscReadersTest {
    static PcscTestEnv env;

    @BeforeAll
    static void startPcscd() throws Exception {
        env = PcscTestEnv.start(Path.of("target/pcsc-readers"));
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void listsBothVirtualReadersAndTheViccCardsAtr() {
        try (Pcsc pcsc = Pcsc.open()) {
            List<CardReader> readers = pcsc.readers();
            assertThat(readers).extracting(CardReader::name).containsExactly(PcscTestEnv.VICC_READER, PcscTestEnv.FREE_READER);
            assertThat(readers.get(0).cardPresent()).isTrue();
            assertThat(readers.get(0).atr()).isEqualTo(PcscTestEnv.VICC_ATR);
            assertThat(readers.get(1)).isEqualTo(new CardReader(PcscTestEnv.FREE_READER, false, null));
        }
    }

    @Test
    void aCardPutInTheSecondReaderShowsItsOwnAtrAndGoesAway() throws Exception {
        String atr = "3BFA1800008131FE454A434F5033315632333298";
        try (Pcsc pcsc = Pcsc.open(); VirtualCard card = VirtualCard.insert(env.port() + 1, atr)) {
            CardReader r = waitFor(pcsc, true);
            assertThat(r.atr()).isEqualTo(atr);
            assertThat(r.atrBytes()).hasSize(20);
            card.remove();
            assertThat(waitFor(pcsc, false).atr()).isNull();
        }
    }

    @Test
    void withoutTheServiceOpeningSaysPcscUnavailable() throws Exception {
        env.stop();
        try {
            assertThatThrownBy(Pcsc::open).isInstanceOf(KeyBridgeException.class)
                    .satisfies(e -> assertThat(((KeyBridgeException) e).code()).isEqualTo(ErrorCode.PCSC_UNAVAILABLE))
                    .hasMessageContaining("SCARD_E_NO_SERVICE");
        } finally {
            env.restart();
        }
    }

    private static CardReader waitFor(Pcsc pcsc, boolean present) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            for (CardReader r : pcsc.readers()) if (r.name().equals(PcscTestEnv.FREE_READER) && r.cardPresent() == present) return r;
            pcsc.waitForChange(500);
        }
        throw new AssertionError("the second reader never became " + (present ? "full" : "empty"));
    }
}
