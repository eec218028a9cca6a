package org.keybridge.token;

/** A reader or slot a module offers, with or without a token in it. */
public record TokenSlot(String module, long slotId, String description, String manufacturer, boolean tokenPresent,
                        boolean removable, boolean hardware) {}
