package org.keybridge.usb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sysfs enumeration. This machine (a container) has no USB bus, so the tree is laid out in a temporary directory
 * exactly as the kernel lays out /sys/bus/usb/devices: a directory (there: a symlink) per device and per interface,
 * one value per file with a trailing newline.
 */
class SysfsUsbTest {
    @TempDir Path sys;

    @Test
    void devicesWithTheirIdsNamesAndInterfaceClasses() throws IOException {
        device("usb1", "1d6b", "0002", "Linux Foundation", "xHCI Host Controller");
        iface("usb1", "1-0:1.0", "09");
        device("1-2", "096e", "0807", "FT", "ePass2003");              // a CCID key: smart-card interface
        iface("1-2", "1-2:1.0", "0b");
        device("1-3.1", "055c", "f603", null, null);                   // a vendor-class key without strings
        iface("1-3.1", "1-3.1:1.0", "ff");
        iface("1-3.1", "1-3.1:1.1", "03");
        List<UsbDevice> all = SysfsUsb.devices(sys);
        assertThat(all).extracting(UsbDevice::busPath).containsExactly("1-2", "1-3.1", "usb1");
        UsbDevice epass = all.get(0);
        assertThat(epass.id()).isEqualTo("096e:0807");
        assertThat(epass.vendorId()).isEqualTo(0x096e);
        assertThat(epass.product()).isEqualTo("ePass2003");
        assertThat(epass.hasSmartCardInterface()).isTrue();
        UsbDevice vendor = all.get(1);
        assertThat(vendor.manufacturer()).isNull();
        assertThat(vendor.interfaceClasses()).isEqualTo(Set.of(0xff, 0x03));
        assertThat(vendor.hasSmartCardInterface()).isFalse();
        assertThat(all.get(2).interfaceClasses()).containsExactly(0x09); // not "1-0:1.0" mixed into "1-2"
    }

    @Test
    void brokenOrHalfGoneEntriesAreSkippedNotFatal() throws IOException {
        device("1-4", "zzzz", "0001", null, null);                    // unreadable id
        Files.createDirectories(sys.resolve("1-5"));                  // unplugged while we looked: no files left
        device("1-6", "1ea8", "fc02", "HaiTai", null);
        assertThat(SysfsUsb.devices(sys)).extracting(UsbDevice::id).containsExactly("1ea8:fc02");
    }

    @Test
    void noUsbBusMeansNoDevices() {
        assertThat(SysfsUsb.devices(sys.resolve("missing"))).isEmpty();
    }

    private void device(String name, String vid, String pid, String manufacturer, String product) throws IOException {
        Path d = Files.createDirectories(sys.resolve(name));
        Files.writeString(d.resolve("idVendor"), vid + "\n");
        Files.writeString(d.resolve("idProduct"), pid + "\n");
        if (manufacturer != null) Files.writeString(d.resolve("manufacturer"), manufacturer + "\n");
        if (product != null) Files.writeString(d.resolve("product"), product + "\n");
    }

    private void iface(String device, String name, String cls) throws IOException {
        Path i = Files.createDirectories(sys.resolve(name));
        Files.writeString(i.resolve("bInterfaceClass"), cls + "\n");
    }
}
