package org.keybridge.core;

/** The protocol's operations, by the names a portal list's {@code allowedOperations} gives them. */
public enum Operation {
    STATUS("status"), CERTIFICATES("certificates"), AUTHENTICATE("authenticate"), BIND_CERTIFICATE("bind-certificate");

    public final String wireName;

    Operation(String wireName) { this.wireName = wireName; }
}
