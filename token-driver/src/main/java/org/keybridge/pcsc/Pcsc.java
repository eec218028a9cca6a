package org.keybridge.pcsc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/**
 * One PC/SC context on the machine's PC/SC service (pcscd on Linux) through jnasmartcardio: the readers, whether a
 * card is in each, and its ATR. Not thread-safe: PC/SC contexts belong to one thread at a time (the watcher has its
 * own). No service gives PCSC_UNAVAILABLE.
 */
public final class Pcsc implements AutoCloseable {
    private final CardTerminals terminals;
    /** ATRs read while their card stays in: a card is connected once to learn it, not on every look. */
    private final Map<String, String> atrs = new HashMap<>();

    private Pcsc(CardTerminals terminals) { this.terminals = terminals; }

    public static Pcsc open() {
        try {
            TerminalFactory f = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
            return new Pcsc(f.terminals());
        } catch (Smartcardio.EstablishContextException e) {
            throw PcscErrors.map(e.getCause(), "establishing a PC/SC context");
        } catch (UnsatisfiedLinkError | java.security.NoSuchAlgorithmException e) {
            throw new KeyBridgeException(ErrorCode.PCSC_UNAVAILABLE, "the PC/SC library (libpcsclite) is missing: " + e.getMessage(), e);
        }
    }

    /** Every reader, with its card and ATR. */
    public List<CardReader> readers() {
        try {
            List<CardTerminal> all = terminals.list(CardTerminals.State.ALL);
            Set<String> present = new HashSet<>();
            if (!all.isEmpty()) for (CardTerminal t : terminals.list(CardTerminals.State.CARD_PRESENT)) present.add(t.getName());
            atrs.keySet().retainAll(present);
            List<CardReader> out = new ArrayList<>();
            for (CardTerminal t : all) {
                String name = t.getName();
                boolean in = present.contains(name);
                String atr = in ? atrs.computeIfAbsent(name, n -> readAtr(t)) : null;
                out.add(new CardReader(name, in, atr));
            }
            return out;
        } catch (CardException e) {
            throw PcscErrors.map(e, "listing readers");
        }
    }

    /**
     * Blocks until a reader or card changes (SCardGetStatusChange over the readers and the {@code \\?PnP?\Notification}
     * pseudo-reader) or {@code timeoutMillis} pass; true when something changed. The first call returns at once.
     */
    public boolean waitForChange(long timeoutMillis) {
        try {
            return terminals.waitForChange(timeoutMillis);
        } catch (CardException e) {
            throw PcscErrors.map(e, "waiting for reader changes");
        }
    }

    /** Shared connect (the ATR pcscd read at power-up), then leave the card as it was; null when it cannot. */
    private static String readAtr(CardTerminal t) {
        for (String protocol : new String[] {"*", "DIRECT"}) {
            try {
                Card c = t.connect(protocol);
                try {
                    byte[] atr = c.getATR().getBytes();
                    if (atr.length > 0) return HexFormat.of().withUpperCase().formatHex(atr);
                } finally {
                    c.disconnect(false);
                }
            } catch (CardException | RuntimeException e) {
                // another program holds the card exclusively, or it is mute: try the next way, else no ATR
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (terminals instanceof Smartcardio.JnaCardTerminals j) {
            try {
                j.close();
            } catch (CardException e) {
                // the service went away: nothing left to release
            }
        }
    }
}
