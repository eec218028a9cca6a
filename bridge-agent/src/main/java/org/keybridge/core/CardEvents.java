package org.keybridge.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keybridge.pcsc.CardReader;
import org.keybridge.pcsc.PcscWatcher;
import org.keybridge.pcsc.ReaderEvent;

/**
 * Card readers' events for the pages: {@code card-inserted} and {@code card-removed} {@code {reader, atr, model}}
 * published on the {@link EventHub} as pcscd reports them (event-driven, see {@link PcscWatcher}), and a nudge to the
 * token watcher so that the PKCS#11 token on the card is listed now rather than at its next poll.
 */
public final class CardEvents implements AutoCloseable {
    public static final String INSERTED = "card-inserted", REMOVED = "card-removed";

    private final PcscWatcher watcher;

    /**
     * @param models the catalog model id for a card, or null when the catalog does not know its ATR
     * @param cardsChanged run after each card change (e.g. {@link TokenWatcher#wake()}); may be null
     */
    public CardEvents(EventHub hub, Function<CardReader, String> models, Runnable cardsChanged) {
        this.watcher = new PcscWatcher(e -> {
            if (e.kind() != ReaderEvent.Kind.CARD_INSERTED && e.kind() != ReaderEvent.Kind.CARD_REMOVED) return;
            hub.publish(event(e, models.apply(e.reader())));
            if (cardsChanged != null) cardsChanged.run();
        });
    }

    static AgentEvent event(ReaderEvent e, String model) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("reader", e.reader().name());
        if (e.reader().atr() != null) data.put("atr", e.reader().atr());
        if (model != null) data.put("model", model);
        return new AgentEvent(e.kind() == ReaderEvent.Kind.CARD_INSERTED ? INSERTED : REMOVED, data);
    }

    /** The readers as last seen. */
    public List<CardReader> readers() { return watcher.readers(); }

    public PcscWatcher watcher() { return watcher; }

    @Override
    public void close() { watcher.close(); }
}
