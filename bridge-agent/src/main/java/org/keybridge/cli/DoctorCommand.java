package org.keybridge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;
import org.keybridge.doctor.DiagnosticBundle;
import org.keybridge.doctor.Doctor;
import org.keybridge.doctor.DoctorReport;
import org.keybridge.doctor.DoctorSettings;
import org.keybridge.doctor.DoctorTexts;
import org.keybridge.doctor.Finding;
import org.keybridge.doctor.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keybridge doctor [--json] [--bundle FILE]}: what is wrong on this machine and how to fix it. Exit status 1
 * when a finding is an error, 0 otherwise (warnings included).
 */
@Command(name = "doctor", description = "Diagnose card readers, keys, drivers, certificates and browser set-up, with fixes.")
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--bundle", paramLabel = "FILE", description = "also write a redacted diagnostic zip for IT staff")
    Path bundle;

    @Option(names = "--probe-timeout", paramLabel = "SECONDS", description = "longest a driver may take to load (default ${DEFAULT-VALUE})")
    int probeTimeout = 20;

    @Option(names = "--home", hidden = true, description = "home folder whose browser manifests are checked (tests)")
    Path home = Path.of(System.getProperty("user.home"));

    @Option(names = "--root", hidden = true, description = "prefix of the system-wide paths (tests)")
    Path root = Path.of("/");

    @Option(names = "--usb-root", hidden = true, description = "sysfs USB devices folder (tests)")
    Path usbRoot;

    @Override
    public Integer call() throws Exception {
        KeyBridgeConfig config = cli.config();
        DoctorTexts texts = new DoctorTexts(cli.locale());
        DoctorSettings settings = new DoctorSettings(config, Catalogs.load(config), home, root, usbRoot,
                Duration.ofSeconds(probeTimeout), texts);
        DoctorReport report = Doctor.run(settings, VersionCommand.version());
        if (bundle != null) DiagnosticBundle.write(bundle, report, config);
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            for (Finding f : report.findings()) {
                System.out.printf("%-8s %s%n", texts.word("severity." + f.severity().name()), f.text());
                if (f.fix() != null) System.out.printf("         %s: %s%n", texts.word("word.fix"), f.fix());
            }
            System.out.println(texts.word("summary", report.count(Severity.ERROR), report.count(Severity.WARNING)));
            if (bundle != null) System.out.println(bundle.toAbsolutePath());
        }
        return report.exitStatus();
    }
}
