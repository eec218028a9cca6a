package org.keybridge.config.drivers;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Platform;

/**
 * {@code manifest.json} at the root of a driver bundle.
 *
 * @param document always {@code driver-bundle}
 * @param model the catalog's token model id this driver serves
 * @param version the driver's version; also the name of its folder, so letters, digits and {@code . _ + -} only
 * @param platform {@code os-arch} it is built for ({@code linux-x86_64} …)
 * @param module the PKCS#11 library inside the bundle (one of {@code files})
 * @param files every file of the bundle but the manifest, with its SHA-256 (hex)
 * @param environment variables the module needs when it is loaded (e.g. SoftHSM's SOFTHSM2_CONF), may be empty
 */
public record BundleManifest(String document, int schemaVersion, String model, String version, String platform,
                             String module, List<BundleFile> files, Map<String, String> environment) {
    public static final String DOCUMENT = "driver-bundle";
    public static final String NAME = "manifest.json";
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BundleManifest {
        files = files == null ? List.of() : List.copyOf(files);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (!DOCUMENT.equals(document)) throw invalid("manifest document must be \"" + DOCUMENT + "\", not " + document);
        if (schemaVersion != 1) throw new ConfigException(ConfigCode.CATALOG_VERSION_UNSUPPORTED, "bundle manifest schemaVersion " + schemaVersion);
        if (model == null || !MODEL.matcher(model).matches()) throw invalid("bad model id " + model);
        if (version == null || !VERSION.matcher(version).matches() || version.contains("..")) throw invalid("bad version " + version);
        try {
            Platform.parse(platform == null ? "" : platform);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (files.isEmpty()) throw invalid("the manifest lists no files");
        for (BundleFile f : files) {
            if (f.path() == null || f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) throw invalid("bad file entry " + f);
        }
        if (files.stream().map(BundleFile::path).distinct().count() != files.size()) throw invalid("a file is listed twice");
        if (files.stream().noneMatch(f -> f.path().equals(module))) throw invalid("the module " + module + " is not among the files");
    }

    public record BundleFile(String path, String sha256) {}

    static ConfigException invalid(String message) { return new ConfigException(ConfigCode.BUNDLE_INVALID, message); }
}
