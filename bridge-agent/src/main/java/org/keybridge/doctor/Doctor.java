package org.keybridge.doctor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keybridge.config.catalog.Platform;
import org.keybridge.detect.Detector;

/** Runs every check, in the order a person would look: catalog, service and devices, drivers, keys, browsers, port. */
public final class Doctor {
    private Doctor() {}

    public static DoctorReport run(DoctorSettings s, String version) {
        DoctorTexts t = s.texts();
        List<Finding> all = new ArrayList<>();
        var catalog = s.catalog().catalog();
        all.add(t.finding("catalog", Severity.OK, "catalog.ok", Map.of("version", s.catalog().version()),
                s.catalog().version(), catalog.tokenModels().size()));
        for (String w : s.catalog().warnings()) all.add(t.finding("catalog", Severity.WARNING, "catalog.warning", Map.of(), w));
        Detector detector = new Detector(catalog);
        DeviceCheck devices = new DeviceCheck(s, detector);
        all.addAll(devices.findings);
        ModuleCheck modules = new ModuleCheck(s, detector, devices.installedDrivers);
        all.addAll(modules.findings);
        all.addAll(new CertificateCheck(s, modules.passed, Instant.now()).findings);
        all.addAll(new NativeHostCheck(s).findings);
        all.add(new PortCheck(s).finding);
        return new DoctorReport(version, Platform.current().key(), s.catalog().version(), t.locale().toLanguageTag(),
                all, devices.readers, devices.usb, modules.probes);
    }
}
