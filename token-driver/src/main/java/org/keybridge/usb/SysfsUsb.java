package org.keybridge.usb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The USB devices of a Linux machine from sysfs: {@code /sys/bus/usb/devices/<bus-port>/idVendor, idProduct,
 * manufacturer, product}, and {@code <bus-port>:<config>.<interface>/bInterfaceClass} for each interface. Reading
 * sysfs needs no privileges and no libusb. A machine without USB (or without sysfs) has no devices, not an error.
 */
public final class SysfsUsb {
    public static final Path DEFAULT_ROOT = Path.of("/sys/bus/usb/devices");

    private SysfsUsb() {}

    public static List<UsbDevice> devices() { return devices(DEFAULT_ROOT); }

    public static List<UsbDevice> devices(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
        List<UsbDevice> out = new ArrayList<>();
        for (Path dev : entries) {
            String name = dev.getFileName().toString();
            if (name.contains(":")) continue; // an interface, read with its device
            Integer vid = hex(read(dev.resolve("idVendor"))), pid = hex(read(dev.resolve("idProduct")));
            if (vid == null || pid == null) continue;
            Set<Integer> classes = new HashSet<>();
            // a root hub "usbN" names its interfaces "N-0:c.i"; any other device "B-P.P" names them "B-P.P:c.i"
            String prefix = name.startsWith("usb") ? name.substring(3) + "-0:" : name + ":";
            for (Path itf : entries) {
                String n = itf.getFileName().toString();
                if (n.startsWith(prefix)) {
                    Integer c = hex(read(itf.resolve("bInterfaceClass")));
                    if (c != null) classes.add(c);
                }
            }
            out.add(new UsbDevice(name, vid, pid, read(dev.resolve("manufacturer")), read(dev.resolve("product")), classes));
        }
        return out;
    }

    private static String read(Path f) {
        try {
            String s = Files.readString(f, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null; // absent attribute, or a device that went away while we read it
        }
    }

    private static Integer hex(String s) {
        if (s == null) return null;
        try {
            return Integer.parseInt(s, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
