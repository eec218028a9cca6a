package org.keybridge.config.catalog;

import java.util.List;

/** A vendor's driver installer as published (deb, rpm, exe, msi, or a KeyBridge bundle). */
public record DriverPackage(String id, String vendor, List<String> models, List<String> modules, String format,
                            String version, List<String> platforms, String url, String sha256, boolean verified,
                            List<String> sources, String notes) {
    public DriverPackage {
        models = Lists.of(models);
        modules = Lists.of(modules);
        platforms = Lists.of(platforms);
        sources = Lists.of(sources);
    }
}
