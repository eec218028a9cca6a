package org.keybridge.config.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.catalog.CatalogOverride;

/**
 * IT's unsigned local additions. Taken only from a regular file (not a symlink) owned by root and writable by
 * nobody else, in a folder owned by root that only root can write to; otherwise it is ignored with a warning
 * (anyone who could write it could make the agent trust a portal or load a library). Entries whose id the
 * catalog already has are skipped with a warning: the override adds, it never replaces.
 */
public final class OverrideFile {
    private OverrideFile() {}

    public static Catalog apply(Catalog catalog, Path file, Consumer<String> warnings) {
        return read(file, warnings).map(o -> merge(catalog, o, file, warnings)).orElse(catalog);
    }

    public static Optional<CatalogOverride> read(Path file, Consumer<String> warnings) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        String unsafe = unsafe(file);
        if (unsafe != null) {
            warnings.accept("ignoring the catalog override " + file + ": " + unsafe);
            return Optional.empty();
        }
        try {
            return Optional.of(CatalogLoader.get().override(Files.readAllBytes(file), file.toString()));
        } catch (IOException | ConfigException e) {
            warnings.accept("ignoring the catalog override " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Why the file cannot be trusted, or null. */
    static String unsafe(Path file) {
        try {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return "not a regular file";
            String own = adminWritable(file);
            if (own != null) return own;
            Path dir = file.toAbsolutePath().getParent();
            String d = adminWritable(dir);
            return d == null ? null : "its folder " + dir + ": " + d;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot read its owner and permissions (" + e.getMessage() + ")";
        }
    }

    private static String adminWritable(Path p) throws IOException {
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (uid != 0) return "owned by uid " + uid + ", not by root";
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
            return "writable by group or others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")";
        }
        return null;
    }

    private static Catalog merge(Catalog c, CatalogOverride o, Path file, Consumer<String> warnings) {
        return c.plus(fresh(o.vendors(), c.vendors(), v -> v.id(), "vendor", file, warnings),
                fresh(o.caIssuers(), c.caIssuers(), v -> v.id(), "caIssuer", file, warnings),
                fresh(o.tokenModels(), c.tokenModels(), v -> v.id(), "tokenModel", file, warnings),
                fresh(o.modules(), c.modules(), v -> v.id(), "module", file, warnings),
                fresh(o.portals(), c.portals(), v -> v.id(), "portal", file, warnings),
                fresh(o.quirks(), c.quirks(), v -> v.id(), "quirk", file, warnings));
    }

    private static <T> List<T> fresh(List<T> added, List<T> existing, Function<T, String> id, String kind, Path file,
                                     Consumer<String> warnings) {
        Set<String> have = existing.stream().map(id).collect(Collectors.toSet());
        List<T> out = new ArrayList<>();
        for (T e : added) {
            if (have.contains(id.apply(e))) warnings.accept(file + ": " + kind + " " + id.apply(e) + " is already in the signed catalog; the override only adds");
            else out.add(e);
        }
        return out;
    }
}
