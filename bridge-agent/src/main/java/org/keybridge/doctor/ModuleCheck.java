package org.keybridge.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keybridge.config.ModuleConfig;
import org.keybridge.config.catalog.NativeModule;
import org.keybridge.detect.Detector;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.probe.ModuleProbe;
import org.keybridge.probe.ProbeResult;

/**
 * Every configured module, and every installed driver of a detected key, tried in a child process (a broken vendor
 * library cannot crash the doctor), then its version checked against the catalog's known-bad list.
 */
final class ModuleCheck {
    final List<Finding> findings = new ArrayList<>();
    final List<ProbeResult> probes = new ArrayList<>();
    /** The modules that passed, for the certificate check (which loads them in this process). */
    final List<ModuleSpec> passed = new ArrayList<>();

    ModuleCheck(DoctorSettings s, Detector detector, Map<String, String> installedDrivers) {
        DoctorTexts t = s.texts();
        Map<String, ModuleSpec> specs = new LinkedHashMap<>();
        for (ModuleConfig m : s.config().modules()) specs.putIfAbsent(m.library(), new ModuleSpec(m.name(), m.library(), m.environment()));
        installedDrivers.forEach((lib, model) -> specs.putIfAbsent(lib, ModuleSpec.of(model, lib)));
        for (ModuleSpec spec : specs.values()) {
            ProbeResult r = ModuleProbe.run(spec, s.probeTimeout());
            probes.add(r);
            Map<String, String> d = new LinkedHashMap<>();
            d.put("module", spec.name());
            d.put("library", spec.library());
            if (r.ok()) {
                d.put("libraryVersion", r.libraryVersion());
                d.put("cryptokiVersion", r.cryptokiVersion());
                d.put("manufacturer", r.manufacturer());
                findings.add(t.finding("module.load", Severity.OK, "module.ok", d, spec.name(),
                        r.manufacturer() + " / " + r.description(), r.libraryVersion(), r.tokenLabels().size()));
                passed.add(spec);
                knownBad(t, detector, spec, r);
            } else if (r.crashed()) {
                d.put("stage", r.stage());
                d.put("error", r.error());
                findings.add(t.finding("module.load", Severity.ERROR, "module.crashed", d, spec.name(), spec.library(), r.error()));
            } else {
                d.put("stage", r.stage());
                d.put("error", r.error());
                findings.add(t.finding("module.load", Severity.ERROR, "module.failed", d, spec.name(), spec.library(),
                        r.stage(), r.error()));
            }
        }
    }

    private void knownBad(DoctorTexts t, Detector detector, ModuleSpec spec, ProbeResult r) {
        NativeModule m = detector.moduleForLibrary(spec.library()).orElse(null);
        if (m == null || r.libraryVersion() == null) return;
        m.knownBad(r.libraryVersion()).ifPresent(bad -> findings.add(t.finding("module.version", Severity.ERROR,
                "module.knownbad", Map.of("module", spec.name(), "catalogModule", m.id(), "libraryVersion", r.libraryVersion()),
                spec.name(), r.libraryVersion(), bad.reason())));
    }
}
