package org.keybridge.usb;

import java.util.Set;

/**
 * A USB device as the operating system lists it (no serial number: the catalog does not need it, and diagnostic
 * bundles must not carry it).
 *
 * @param busPath where it is plugged in, e.g. "1-2.3"
 * @param vendorId idVendor
 * @param productId idProduct
 * @param manufacturer the device's manufacturer string, or null
 * @param product the device's product string, or null
 * @param interfaceClasses bInterfaceClass of each interface (0x0B: smart card / CCID, 0x03: HID, 0x08: mass storage…)
 */
public record UsbDevice(String busPath, int vendorId, int productId, String manufacturer, String product,
                        Set<Integer> interfaceClasses) {
    /** USB class of a CCID smart-card reader interface (most USB keys present one). */
    public static final int CLASS_SMART_CARD = 0x0B;

    public UsbDevice {
        interfaceClasses = Set.copyOf(interfaceClasses);
    }

    /** "vvvv:pppp" in lower-case hex, as lsusb prints it. */
    public String id() { return String.format("%04x:%04x", vendorId, productId); }

    public boolean hasSmartCardInterface() { return interfaceClasses.contains(CLASS_SMART_CARD); }
}
