package org.keybridge.config.catalog;

/**
 * A USB identity of a token model: vendor and product id (4 hex digits each) and the interface class it exposes
 * ({@code ccid}, {@code hid}, {@code msc} for the CD-ROM kind, {@code vendor}, or {@code unknown}).
 */
public record UsbId(String vid, String pid, String interfaceClass, Boolean verified) {
    public UsbId {
        if (interfaceClass == null) interfaceClass = "unknown";
    }

    public int vidValue() { return Integer.parseInt(vid, 16); }

    public int pidValue() { return Integer.parseInt(pid, 16); }

    public boolean matches(int vendorId, int productId) { return vidValue() == vendorId && pidValue() == productId; }
}
