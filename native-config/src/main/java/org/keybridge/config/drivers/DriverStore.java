package org.keybridge.config.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.config.update.AtomicFiles;

/**
 * The drivers root on disk. Per model: {@code MODEL/versions/VERSION/} (the bundle's files and its manifest, side
 * by side), {@code MODEL/current} and {@code MODEL/previous}, relative symlinks to a version. A switch writes a new
 * symlink under a temporary name and renames it over {@code current}: rename(2) is atomic, so a reader (the agent
 * starting) sees the old version or the new one, never neither. A version is written under {@code .staging-*} and
 * renamed into {@code versions/} whole; an interrupted install leaves only staging debris, removed next time.
 */
public final class DriverStore {
    private static final String VERSIONS = "versions", CURRENT = "current", PREVIOUS = "previous", STAGING = ".staging-";

    private final Path root;

    public DriverStore(Path root) { this.root = root; }

    public Path root() { return root; }

    /** What is installed for one model. {@code currentModule} is the library's path through the {@code current} link. */
    public record Installed(String model, String current, String previous, List<String> versions, Path currentModule,
                            Map<String, String> environment) {}

    public List<Installed> list() {
        List<Installed> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (DirectoryStream<Path> models = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path m : models) installed(m.getFileName().toString()).ifPresent(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Installed::model));
        return out;
    }

    public Optional<Installed> installed(String model) {
        Path dir = root.resolve(model);
        Optional<String> cur = link(dir.resolve(CURRENT));
        if (cur.isEmpty()) return Optional.empty();
        List<String> versions = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve(VERSIONS))) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(versions::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<BundleManifest> m = manifest(dir.resolve(VERSIONS).resolve(cur.get()));
        return m.map(man -> new Installed(model, cur.get(), link(dir.resolve(PREVIOUS)).orElse(null), versions,
                dir.resolve(CURRENT).resolve(man.module()), man.environment()));
    }

    /** Writes the verified bundle as MODEL/versions/VERSION (replacing a version of that name not in use). */
    Path writeVersion(BundleReader.VerifiedBundle b) throws IOException {
        BundleManifest m = b.manifest();
        Path dir = Files.createDirectories(root.resolve(m.model()).resolve(VERSIONS));
        removeStaging(root.resolve(m.model()));
        Path staging = Files.createTempDirectory(root.resolve(m.model()), STAGING);
        for (Map.Entry<String, byte[]> f : b.files().entrySet()) {
            Path target = staging.resolve(f.getKey()).normalize();
            if (!target.startsWith(staging)) throw new ConfigException(ConfigCode.BUNDLE_UNSAFE_PATH, f.getKey());
            Files.createDirectories(target.getParent());
            writeSynced(target, f.getValue());
        }
        writeSynced(staging.resolve(BundleManifest.NAME), b.manifestBytes());
        Path version = dir.resolve(m.version());
        if (Files.exists(version, LinkOption.NOFOLLOW_LINKS)) deleteTree(version);
        Files.move(staging, version, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(dir);
        return version;
    }

    /** Points {@code current} at the version (and {@code previous} at what current was), each by one rename. */
    void switchTo(String model, String version) throws IOException {
        Path dir = root.resolve(model);
        Optional<String> was = link(dir.resolve(CURRENT));
        relink(dir, CURRENT, version);
        if (was.isPresent() && !was.get().equals(version)) relink(dir, PREVIOUS, was.get());
        AtomicFiles.syncDirectory(dir);
    }

    Optional<String> current(String model) { return link(root.resolve(model).resolve(CURRENT)); }

    Optional<String> previous(String model) { return link(root.resolve(model).resolve(PREVIOUS)); }

    void removeVersion(String model, String version) throws IOException {
        deleteTree(root.resolve(model).resolve(VERSIONS).resolve(version));
    }

    Path versionDir(String model, String version) { return root.resolve(model).resolve(VERSIONS).resolve(version); }

    /** One install at a time per drivers root. */
    FileChannel lock() throws IOException {
        Files.createDirectories(root);
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ch.lock();
        return ch;
    }

    private static void relink(Path dir, String name, String version) throws IOException {
        Path tmp = dir.resolve("." + name + "-" + UUID.randomUUID());
        Files.createSymbolicLink(tmp, Path.of(VERSIONS, version));
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<String> link(Path p) {
        try {
            if (!Files.isSymbolicLink(p)) return Optional.empty();
            Path target = Files.readSymbolicLink(p);
            return target.getNameCount() == 2 && target.getName(0).toString().equals(VERSIONS)
                    ? Optional.of(target.getName(1).toString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<BundleManifest> manifest(Path versionDir) {
        try {
            return Optional.of(org.keybridge.config.json.StrictJson.read(
                    Files.readAllBytes(versionDir.resolve(BundleManifest.NAME)), BundleManifest.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void removeStaging(Path modelDir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(modelDir, STAGING + "*")) {
            for (Path p : s) deleteTree(p);
        }
    }

    private static void writeSynced(Path f, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
