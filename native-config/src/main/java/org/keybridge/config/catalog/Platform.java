package org.keybridge.config.catalog;

import java.util.Locale;

/**
 * An operating system and processor architecture, written {@code os-arch} in the catalog and in driver bundles:
 * os {@code linux|windows|macos}, arch {@code x86|x86_64|aarch64|loongarch64|mips64el}.
 */
public record Platform(String os, String arch) {
    public static Platform current() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String os = name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "macos" : "linux";
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String arch = switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> a;
        };
        return new Platform(os, arch);
    }

    public static Platform parse(String key) {
        int dash = key.indexOf('-');
        if (dash < 1) throw new IllegalArgumentException("platform must be os-arch: " + key);
        return new Platform(key.substring(0, dash), key.substring(dash + 1));
    }

    public String key() { return os + "-" + arch; }

    @Override
    public String toString() { return key(); }
}
