package org.keybridge.config.drivers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.signing.PinnedKeys;

/**
 * Reads a driver bundle entirely in memory and checks it before anything is written: the detached signature
 * ({@code BUNDLE.sig}) over the exact bytes of the zip, every entry's name (nothing absolute, no {@code ..}: zip-slip is
 * BUNDLE_UNSAFE_PATH), the manifest, the platform, and every file against its SHA-256, with nothing unlisted.
 * The bytes checked are the bytes later written: the file is read once.
 */
public final class BundleReader {
    static final long MAX_BUNDLE = 256L << 20;
    static final long MAX_UNPACKED = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BundleReader() {}

    /** A bundle whose signature, names and hashes all passed. {@code files} excludes the manifest. */
    public record VerifiedBundle(BundleManifest manifest, Map<String, byte[]> files, byte[] manifestBytes, String signedBy) {}

    public static VerifiedBundle read(Path bundle, PinnedKeys keys, Platform platform) {
        byte[] zip = readLimited(bundle);
        Path sigFile = bundle.resolveSibling(bundle.getFileName() + ".sig");
        if (!Files.isRegularFile(sigFile)) {
            throw new ConfigException(ConfigCode.SIGNATURE_MISSING, bundle + ": no detached signature " + sigFile);
        }
        String signer = keys.verify(zip, readLimited(sigFile), bundle.toString());
        Map<String, byte[]> entries = unzip(zip, bundle);
        byte[] manifestBytes = entries.remove(BundleManifest.NAME);
        if (manifestBytes == null) throw BundleManifest.invalid(bundle + " has no " + BundleManifest.NAME);
        BundleManifest m;
        try {
            m = JSON.readValue(manifestBytes, BundleManifest.class);
        } catch (JacksonException e) {
            if (e.getCause() instanceof ConfigException c) throw c;
            throw BundleManifest.invalid(bundle + ": " + BundleManifest.NAME + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BundleManifest.invalid(bundle + ": " + e.getMessage());
        }
        if (!m.platform().equals(platform.key())) {
            throw BundleManifest.invalid(bundle + " is built for " + m.platform() + ", this machine is " + platform.key());
        }
        for (BundleManifest.BundleFile f : m.files()) {
            safeName(f.path());
            byte[] content = entries.get(f.path());
            if (content == null) throw BundleManifest.invalid(bundle + ": " + f.path() + " is in the manifest but not in the bundle");
            if (!sha256(content).equals(f.sha256())) {
                throw BundleManifest.invalid(bundle + ": " + f.path() + " does not match its SHA-256 in the manifest");
            }
        }
        for (String name : entries.keySet()) {
            if (m.files().stream().noneMatch(f -> f.path().equals(name))) {
                throw BundleManifest.invalid(bundle + ": " + name + " is not listed in the manifest");
            }
        }
        return new VerifiedBundle(m, entries, manifestBytes, signer);
    }

    /**
     * A relative name of forward-slash segments, none empty, {@code .} or {@code ..}; no drive letter, backslash or
     * NUL. Anything else could be written outside the version's folder.
     */
    static String safeName(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        boolean bad = n.isEmpty() || n.startsWith("/") || n.indexOf('\\') >= 0 || n.indexOf('\0') >= 0
                || n.matches("^[A-Za-z]:.*");
        if (!bad) {
            for (String seg : n.split("/", -1)) {
                if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) bad = true;
            }
        }
        if (bad) throw new ConfigException(ConfigCode.BUNDLE_UNSAFE_PATH, "bundle entry \"" + name + "\" would be written outside its folder");
        return n;
    }

    private static Map<String, byte[]> unzip(byte[] zip, Path bundle) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = safeName(e.getName());
                if (e.isDirectory()) continue;
                if (out.containsKey(name)) throw BundleManifest.invalid(bundle + ": " + name + " appears twice");
                byte[] content = readEntry(in, MAX_UNPACKED - total, bundle);
                total += content.length;
                out.put(name, content);
            }
        } catch (ZipException e) {
            throw BundleManifest.invalid(bundle + " is not a valid zip: " + e.getMessage());
        } catch (IOException e) {
            throw BundleManifest.invalid(bundle + ": " + e.getMessage());
        }
        if (out.isEmpty()) throw BundleManifest.invalid(bundle + " is empty or not a zip");
        return out;
    }

    private static byte[] readEntry(InputStream in, long room, Path bundle) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
            b.write(buf, 0, n);
            if (b.size() > room) throw BundleManifest.invalid(bundle + " unpacks to more than " + (MAX_UNPACKED >> 20) + " MiB");
        }
        return b.toByteArray();
    }

    private static byte[] readLimited(Path f) {
        try {
            if (Files.size(f) > MAX_BUNDLE) throw BundleManifest.invalid(f + " is larger than " + (MAX_BUNDLE >> 20) + " MiB");
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw BundleManifest.invalid("cannot read " + f + ": " + e.getMessage());
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
