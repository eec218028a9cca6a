package org.keybridge.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.detect.Detector;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pcsc.CardReader;
import org.keybridge.pcsc.Pcsc;
import org.keybridge.usb.SysfsUsb;
import org.keybridge.usb.UsbDevice;

/**
 * pcscd, its readers and cards (ATR → model), USB devices (VID:PID → model), and whether each detected model's
 * driver is installed. Collects the installed drivers so that {@link ModuleCheck} probes them too.
 */
final class DeviceCheck {
    final List<Finding> findings = new ArrayList<>();
    final List<CardReader> readers = new ArrayList<>();
    final List<UsbDevice> usb = new ArrayList<>();
    /** Drivers of detected models found on this machine, by library path → the model's id. */
    final Map<String, String> installedDrivers = new LinkedHashMap<>();

    private final DoctorTexts t;
    private final Detector detector;

    DeviceCheck(DoctorSettings s, Detector detector) {
        this.t = s.texts();
        this.detector = detector;
        Set<TokenModel> models = new LinkedHashSet<>();
        pcsc(models);
        usb(s.usbRoot(), models);
        for (TokenModel m : models) drivers(m);
    }

    private void pcsc(Set<TokenModel> models) {
        try (Pcsc pcsc = Pcsc.open()) {
            readers.addAll(pcsc.readers());
        } catch (KeyBridgeException e) {
            if (e.code() != ErrorCode.PCSC_UNAVAILABLE) throw e;
            findings.add(t.finding("pcsc.service", Severity.ERROR, "pcsc.stopped", Map.of("error", e.getMessage())));
            return;
        }
        findings.add(t.finding("pcsc.service", Severity.OK, "pcsc.running", Map.of("readers", String.valueOf(readers.size())),
                readers.size()));
        if (readers.isEmpty()) findings.add(t.finding("pcsc.readers", Severity.WARNING, "pcsc.noreaders", Map.of()));
        for (CardReader r : readers) {
            if (!r.cardPresent()) continue;
            Map<String, String> d = new LinkedHashMap<>();
            d.put("reader", r.name());
            if (r.atr() == null) {
                findings.add(t.finding("pcsc.card", Severity.WARNING, "card.unreadable", d, r.name()));
                continue;
            }
            d.put("atr", r.atr());
            List<TokenModel> found = detector.models(r);
            if (found.isEmpty()) {
                findings.add(t.finding("pcsc.card", Severity.WARNING, "card.unknown", d, r.name(), r.atr()));
            } else {
                d.put("model", found.get(0).id());
                findings.add(t.finding("pcsc.card", Severity.OK, "card.known", d, r.name(), name(found.get(0)), r.atr()));
                models.add(found.get(0));
            }
        }
    }

    private void usb(Path root, Set<TokenModel> models) {
        usb.addAll(root == null ? SysfsUsb.devices() : SysfsUsb.devices(root));
        for (UsbDevice u : usb) {
            List<TokenModel> found = detector.models(u);
            String label = u.product() != null ? u.product() : u.busPath();
            Map<String, String> d = new LinkedHashMap<>();
            d.put("usb", u.id());
            d.put("busPath", u.busPath());
            if (!found.isEmpty()) {
                d.put("model", found.get(0).id());
                findings.add(t.finding("usb.key", Severity.OK, "usb.known", d, name(found.get(0)), u.id()));
                models.add(found.get(0));
            } else if (u.hasSmartCardInterface()) {
                findings.add(t.finding("usb.key", Severity.WARNING, "usb.unknown", d, u.id(), label));
            }
        }
    }

    private void drivers(TokenModel m) {
        List<Detector.ModuleChoice> choices = detector.modules(m);
        if (choices.isEmpty()) return; // a model without a native module (the virtual test cards)
        for (Detector.ModuleChoice c : choices) {
            if (c.installed().isPresent()) {
                String lib = c.installed().get().toString();
                installedDrivers.putIfAbsent(lib, m.id());
                findings.add(t.finding("model.driver", Severity.OK, "driver.installed",
                        Map.of("model", m.id(), "module", c.module().id(), "library", lib), name(m), lib));
                return;
            }
        }
        List<String> looked = choices.stream().flatMap(c -> c.module().candidates(detector.platform()).stream())
                .map(Path::toString).toList();
        findings.add(t.finding("model.driver", Severity.ERROR, "driver.missing", Map.of("model", m.id()),
                name(m), looked.isEmpty() ? "-" : String.join(", ", looked)));
    }

    private String name(TokenModel m) { return m.names().get(t.locale()); }
}
