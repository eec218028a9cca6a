package org.keybridge.pcsc;

/**
 * A change seen by {@link PcscWatcher}.
 *
 * @param kind what changed
 * @param reader the reader after the change (for a removal: as it was last seen, ATR included)
 * @param nanoTime {@link System#nanoTime()} when the watcher saw it (for latency measurements)
 */
public record ReaderEvent(Kind kind, CardReader reader, long nanoTime) {
    public enum Kind { READER_ADDED, READER_REMOVED, CARD_INSERTED, CARD_REMOVED }
}
