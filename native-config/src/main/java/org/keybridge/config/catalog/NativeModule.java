package org.keybridge.config.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor's native library (one per build: the same key often ships with CA-specific builds).
 *
 * @param type {@code pkcs11} or {@code skf} (GM/T 0016)
 * @param caBuild the CA this build was made for, or null for the vendor's own
 * @param files file name (or absolute path) per platform key ({@code linux-x86_64} …)
 * @param searchPaths folders to look in per os ({@code linux}, {@code windows}, {@code macos})
 * @param sm2Mechanisms the vendor's SM2/SM3 mechanism and key-type numbers (hex), where known, under the vendor's names
 * @param sm2Roles for a vendor name of {@code sm2Mechanisms} that token-driver does not know as an alias, the way of
 *     signing it stands for: {@code CKM_SM2_SIGN_NO_DER} (signs e, raw r‖s), {@code CKM_SM2_SIGN} (signs e, DER) or
 *     {@code CKM_SM3_SM2} (the token hashes the message with its ID, DER)
 * @param knownBadVersions versions that must not be used, with the reason
 */
public record NativeModule(String id, String type, String vendor, String caBuild, Map<String, String> files,
                           Map<String, List<String>> searchPaths, Abi abi, Map<String, String> sm2Mechanisms,
                           Map<String, String> sm2Roles, List<KnownBadVersion> knownBadVersions, boolean demo, boolean verified,
                           List<String> sources, String notes) {
    public NativeModule {
        files = Lists.of(files);
        searchPaths = Lists.of(searchPaths);
        sm2Mechanisms = Lists.of(sm2Mechanisms);
        sm2Roles = Lists.of(sm2Roles);
        knownBadVersions = Lists.of(knownBadVersions);
        sources = Lists.of(sources);
    }

    /** The library's file name for a platform, if the catalog knows one. */
    public Optional<String> fileName(Platform p) { return Optional.ofNullable(files.get(p.key())); }

    /** Where the library may be on that platform: the file itself when absolute, else in each search folder. */
    public List<Path> candidates(Platform p) {
        List<Path> out = new ArrayList<>();
        fileName(p).ifPresent(name -> {
            Path file = Path.of(name);
            if (file.isAbsolute()) out.add(file);
            else for (String dir : searchPaths.getOrDefault(p.os(), List.of())) out.add(Path.of(dir).resolve(name));
        });
        return out;
    }

    /** The first candidate that exists on this machine. */
    public Optional<Path> locate(Platform p) { return candidates(p).stream().filter(Files::isRegularFile).findFirst(); }

    /** The known-bad entry for a version string (exact match), if any. */
    public Optional<KnownBadVersion> knownBad(String version) {
        return knownBadVersions.stream().filter(k -> k.version().equals(version)).findFirst();
    }

    /** Calling convention and C integer widths: SKF's ULONG is 32-bit by the standard, native long in some builds. */
    public record Abi(String callingConvention, Integer ulongSize, String notes) {}

    public record KnownBadVersion(String version, String reason) {}
}
