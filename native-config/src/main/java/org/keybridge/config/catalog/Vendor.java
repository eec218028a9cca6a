package org.keybridge.config.catalog;

import java.util.List;

/** A maker of USB keys. {@code usbVids} are 4 hex digits, upper case. */
public record Vendor(String id, Names names, List<String> usbVids, String website, boolean verified,
                     List<String> sources, String notes) {
    public Vendor {
        usbVids = Lists.of(usbVids);
        sources = Lists.of(sources);
    }
}
