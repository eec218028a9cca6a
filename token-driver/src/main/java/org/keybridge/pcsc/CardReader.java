package org.keybridge.pcsc;

import java.util.HexFormat;

/**
 * A PC/SC reader as seen at one moment.
 *
 * @param name the reader's PC/SC name, e.g. "Feitian ePass2003 00 00" or "Virtual PCD 00 00"
 * @param cardPresent whether a card (or the chip of a USB key) is in it
 * @param atr the card's Answer To Reset, upper-case hex without spaces; null without a card or when unreadable
 */
public record CardReader(String name, boolean cardPresent, String atr) {
    public CardReader {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("reader name missing");
        if (atr != null) atr = HexFormat.of().withUpperCase().formatHex(HexFormat.of().parseHex(atr.replace(" ", "")));
    }

    /** The ATR's bytes, or null. */
    public byte[] atrBytes() { return atr == null ? null : HexFormat.of().parseHex(atr); }
}
