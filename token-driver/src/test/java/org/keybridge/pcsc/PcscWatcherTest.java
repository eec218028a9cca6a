package org.keybridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher sees cards and readers come and go on a real pcscd, event-driven: insertion and removal latencies are
 * measured from the instant the test plugs or pulls its virtual card (vpcd's socket) and printed.
 */
class PcscWatcherTest {
    static PcscTestEnv env;
    final BlockingQueue<ReaderEvent> events = new LinkedBlockingQueue<>();
    PcscWatcher watcher;

    @BeforeAll
    static void startPcscd() throws Exception {
        env = PcscTestEnv.start(Path.of("target/pcsc-watcher"));
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (env != null) env.close();
    }

    @BeforeEach
    void watch() throws InterruptedException {
        watcher = new PcscWatcher(events::add, Duration.ofMillis(200));
        assertThat(watcher.awaitFirstLook(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void stopWatching() { watcher.close(); }

    @Test
    void whatIsThereAtStartIsTheBaselineNotAnEvent() throws InterruptedException {
        assertThat(watcher.serviceAvailable()).isTrue();
        assertThat(watcher.readers()).extracting(CardReader::name).contains(PcscTestEnv.VICC_READER, PcscTestEnv.FREE_READER);
        assertThat(watcher.readers()).filteredOn(CardReader::cardPresent).extracting(CardReader::atr).containsExactly(PcscTestEnv.VICC_ATR);
        assertThat(events.poll(700, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void insertionAndRemovalArriveWithin500Milliseconds() throws Exception {
        String atr = "3B8F8001804F0CA000000306030001000000006A";
        List<Long> in = new ArrayList<>(), out = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            Thread.sleep(300); // a person takes longer than that between pulling a key and plugging it in again
            VirtualCard card = VirtualCard.insert(env.port() + 1, atr);
            ReaderEvent inserted = next(ReaderEvent.Kind.CARD_INSERTED);
            assertThat(inserted.reader()).isEqualTo(new CardReader(PcscTestEnv.FREE_READER, true, atr));
            in.add(inserted.nanoTime() - card.insertedAt());
            Thread.sleep(300);
            long removedAt = card.remove();
            ReaderEvent removed = next(ReaderEvent.Kind.CARD_REMOVED);
            assertThat(removed.reader().name()).isEqualTo(PcscTestEnv.FREE_READER);
            assertThat(removed.reader().atr()).isEqualTo(atr); // as it was last seen: which card went
            out.add(removed.nanoTime() - removedAt);
        }
        long inMedian = median(in), outMedian = median(out);
        System.out.printf("pcsc.watcher latency ms: insertion %s (median %d), removal %s (median %d)%n",
                ms(in), inMedian / 1_000_000, ms(out), outMedian / 1_000_000);
        assertThat(inMedian).isLessThanOrEqualTo(500_000_000L);
        assertThat(outMedian).isLessThanOrEqualTo(500_000_000L);
    }

    @Test
    void viccLeavingAndComingBackIsSeenWithItsAtr() throws Exception {
        env.stopVicc();
        ReaderEvent removed = next(ReaderEvent.Kind.CARD_REMOVED);
        assertThat(removed.reader()).isEqualTo(new CardReader(PcscTestEnv.VICC_READER, true, PcscTestEnv.VICC_ATR));
        env.startVicc();
        ReaderEvent inserted = next(ReaderEvent.Kind.CARD_INSERTED);
        assertThat(inserted.reader()).isEqualTo(new CardReader(PcscTestEnv.VICC_READER, true, PcscTestEnv.VICC_ATR));
    }

    @Test
    void pcscdStoppingRemovesEveryReaderAndItsReturnAddsThemBack() throws Exception {
        env.stop();
        List<ReaderEvent> gone = drain(3, Duration.ofSeconds(5));
        assertThat(gone).extracting(ReaderEvent::kind).containsExactlyInAnyOrder(
                ReaderEvent.Kind.CARD_REMOVED, ReaderEvent.Kind.READER_REMOVED, ReaderEvent.Kind.READER_REMOVED);
        assertThat(watcher.serviceAvailable()).isFalse();
        assertThat(watcher.readers()).isEmpty();
        env.restart();
        List<ReaderEvent> back = drain(3, Duration.ofSeconds(15));
        assertThat(back).extracting(ReaderEvent::kind).containsExactlyInAnyOrder(
                ReaderEvent.Kind.READER_ADDED, ReaderEvent.Kind.READER_ADDED, ReaderEvent.Kind.CARD_INSERTED);
        assertThat(watcher.serviceAvailable()).isTrue();
    }

    private ReaderEvent next(ReaderEvent.Kind kind) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            ReaderEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.kind() == kind) return e;
            if (e != null) throw new AssertionError("expected " + kind + ", got " + e);
        }
        throw new AssertionError("no " + kind + " within 10 s");
    }

    private List<ReaderEvent> drain(int n, Duration within) throws InterruptedException {
        List<ReaderEvent> out = new ArrayList<>();
        long end = System.nanoTime() + within.toNanos();
        while (out.size() < n && System.nanoTime() < end) {
            ReaderEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) out.add(e);
        }
        return out;
    }

    private static long median(List<Long> v) { return v.stream().sorted().toList().get(v.size() / 2); }

    private static List<Long> ms(List<Long> nanos) { return nanos.stream().map(n -> n / 1_000_000).toList(); }
}
