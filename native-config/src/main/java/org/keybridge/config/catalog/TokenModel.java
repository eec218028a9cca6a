package org.keybridge.config.catalog;

import java.util.List;

/**
 * A kind of USB key or card. {@code modules} lists native module ids, best first; {@code demo} marks the
 * development entries (SoftHSM, the virtual cards of the tests).
 */
public record TokenModel(String id, String vendor, Names names, List<UsbId> usb, List<AtrPattern> atrs,
                         List<String> algorithms, List<String> modules, List<String> quirks, boolean demo,
                         boolean verified, List<String> sources, String notes) {
    public TokenModel {
        usb = Lists.of(usb);
        atrs = Lists.of(atrs);
        algorithms = Lists.of(algorithms);
        modules = Lists.of(modules);
        quirks = Lists.of(quirks);
        sources = Lists.of(sources);
    }

    public boolean matchesAtr(byte[] atr) { return atrs.stream().anyMatch(a -> a.matches(atr)); }

    public boolean matchesUsb(int vid, int pid) { return usb.stream().anyMatch(u -> u.matches(vid, pid)); }
}
