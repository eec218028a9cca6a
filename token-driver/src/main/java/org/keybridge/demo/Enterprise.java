package org.keybridge.demo;

import org.keybridge.uscc.Uscc;

/**
 * A company a client certificate is issued to: its registered (Chinese) name and its Unified
 * Social Credit Code, normalized and validated by {@link Uscc}.
 */
public record Enterprise(String name, String uscc) {

    public Enterprise {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("enterprise name is missing");
        }
        uscc = Uscc.parse(uscc).value();
    }
}
