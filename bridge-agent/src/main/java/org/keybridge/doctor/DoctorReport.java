package org.keybridge.doctor;

import java.util.List;
import org.keybridge.pcsc.CardReader;
import org.keybridge.probe.ProbeResult;
import org.keybridge.usb.UsbDevice;

/**
 * Everything {@code doctor --json} prints: the findings, and the facts behind them (readers and ATRs, USB devices,
 * module probes).
 */
public record DoctorReport(String version, String platform, String catalogVersion, String language,
                           List<Finding> findings, List<CardReader> readers, List<UsbDevice> usbDevices,
                           List<ProbeResult> modules) {
    public DoctorReport {
        findings = List.copyOf(findings);
        readers = List.copyOf(readers);
        usbDevices = List.copyOf(usbDevices);
        modules = List.copyOf(modules);
    }

    public long count(Severity s) { return findings.stream().filter(f -> f.severity() == s).count(); }

    /** 1 when anything is an error, else 0: warnings alone do not fail the command. */
    public int exitStatus() { return count(Severity.ERROR) > 0 ? 1 : 0; }

    /** The report without private details: for the diagnostic bundle. */
    public DoctorReport redacted() {
        return new DoctorReport(version, platform, catalogVersion, language,
                findings.stream().map(Finding::redacted).toList(), readers, usbDevices, modules);
    }
}
