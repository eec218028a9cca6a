package org.keybridge.doctor;

import java.nio.file.Path;
import java.time.Duration;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;

/**
 * What the doctor looks at: the configuration and effective catalog, where the browsers' host manifests live
 * ({@code home} per user, {@code systemRoot} for all users), the USB devices' sysfs folder, and how long a module
 * probe may take.
 */
public record DoctorSettings(KeyBridgeConfig config, Catalogs.Loaded catalog, Path home, Path systemRoot, Path usbRoot,
                             Duration probeTimeout, DoctorTexts texts) {
    /** Certificates expiring within this many days are reported. */
    public static final int EXPIRY_WARNING_DAYS = 90;
}
