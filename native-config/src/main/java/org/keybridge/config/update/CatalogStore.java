package org.keybridge.config.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.CatalogLoader;
import org.keybridge.config.catalog.PortalList;
import org.keybridge.config.signing.PinnedKeys;

/**
 * The signed catalog and portal list on disk ({@code stateDir/catalog.signed}, {@code stateDir/portals.signed}).
 * An update is taken only when its detached signature ({@code FILE.sig}) is by a pinned key, it parses under the
 * schema, and its sequence is above the current one; then it replaces the stored file atomically. Otherwise the
 * current one stays and the refusal has its code: SIGNATURE_MISSING, SIGNATURE_INVALID, CATALOG_INVALID,
 * CATALOG_VERSION_UNSUPPORTED, UPDATE_ROLLBACK. A stored file is checked again at every load (it may have been
 * changed on disk): if it fails, a warning says so and the embedded catalog (or no portal list) is used.
 */
public final class CatalogStore {
    static final String CATALOG_FILE = "catalog.signed";
    static final String PORTALS_FILE = "portals.signed";

    private final Path dir;
    private final PinnedKeys keys;
    private final Consumer<String> warnings;
    private final Catalog embedded;

    public CatalogStore(Path stateDir, PinnedKeys keys, Consumer<String> warnings) {
        this(stateDir, keys, warnings, CatalogLoader.embedded());
    }

    public CatalogStore(Path stateDir, PinnedKeys keys, Consumer<String> warnings, Catalog embedded) {
        this.dir = stateDir;
        this.keys = keys;
        this.warnings = warnings;
        this.embedded = embedded;
    }

    /** The newer of the embedded catalog and the stored, verified one. */
    public Catalog catalog() {
        Optional<Catalog> stored = stored(CATALOG_FILE, b -> CatalogLoader.get().catalog(b, dir.resolve(CATALOG_FILE).toString()));
        return stored.filter(c -> c.sequence() > embedded.sequence()).orElse(embedded);
    }

    /** The stored, verified portal list, if one was installed. */
    public Optional<PortalList> portalList() {
        return stored(PORTALS_FILE, b -> CatalogLoader.get().portalList(b, dir.resolve(PORTALS_FILE).toString()));
    }

    public Catalog updateCatalog(Path file) {
        return update(file, CATALOG_FILE, catalog().sequence(),
                b -> { Catalog c = CatalogLoader.get().catalog(b, file.toString()); return new Versioned<>(c, c.sequence()); });
    }

    public PortalList updatePortals(Path file) {
        long current = portalList().map(PortalList::sequence).orElse(0L);
        return update(file, PORTALS_FILE, current,
                b -> { PortalList p = CatalogLoader.get().portalList(b, file.toString()); return new Versioned<>(p, p.sequence()); });
    }

    private record Versioned<T>(T value, long sequence) {}

    private <T> T update(Path file, String storedName, long current, java.util.function.Function<byte[], Versioned<T>> parse) {
        byte[] content = read(file);
        Path sigFile = file.resolveSibling(file.getFileName() + ".sig");
        if (!Files.isRegularFile(sigFile)) {
            throw new ConfigException(ConfigCode.SIGNATURE_MISSING, file + ": no detached signature " + sigFile);
        }
        byte[] sig = read(sigFile);
        keys.verify(content, sig, file.toString()); // before parsing: unsigned bytes are never interpreted
        Versioned<T> doc = parse.apply(content);
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                long now = storedName.equals(CATALOG_FILE) ? catalog().sequence()
                        : portalList().map(PortalList::sequence).orElse(0L);
                long floor = Math.max(current, now); // re-read under the lock: another update may have won
                if (doc.sequence() <= floor) {
                    throw new ConfigException(ConfigCode.UPDATE_ROLLBACK, file + " has sequence " + doc.sequence()
                            + ", not above the current " + floor);
                }
                AtomicFiles.write(dir.resolve(storedName), envelope(sig, content));
            }
        } catch (IOException e) {
            throw new ConfigException(ConfigCode.CONFIG_INVALID, "cannot store the update in " + dir + ": " + e.getMessage(), e);
        }
        return doc.value();
    }

    /** One file holds signature and content, so a single rename replaces both. */
    private static byte[] envelope(byte[] sig, byte[] content) {
        byte[] head = (new String(sig, StandardCharsets.US_ASCII).strip() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, out, head.length, content.length);
        return out;
    }

    private <T> Optional<T> stored(String name, java.util.function.Function<byte[], T> parse) {
        Path f = dir.resolve(name);
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("cannot read " + f + ": " + e.getMessage() + "; using the embedded catalog");
            return Optional.empty();
        }
        int nl = indexOf(all, (byte) '\n');
        try {
            if (nl < 0) throw new ConfigException(ConfigCode.SIGNATURE_MISSING, f + " has no signature line");
            byte[] content = Arrays.copyOfRange(all, nl + 1, all.length);
            keys.verify(content, Arrays.copyOf(all, nl), f.toString());
            return Optional.of(parse.apply(content));
        } catch (ConfigException e) {
            warnings.accept("ignoring " + f + " (" + e.code() + ": " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
        return -1;
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new ConfigException(ConfigCode.CATALOG_INVALID, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
