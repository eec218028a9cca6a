package org.keybridge.portal.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: Debian's postgresql package (initdb, pg_ctl from
 * /usr/lib/postgresql/N/bin), a cluster in a temporary directory, trust authentication for the user {@code portal},
 * on 127.0.0.1 and a free port, fsync off. As root (CI) the server runs as the {@code postgres} user, which initdb
 * demands. Stopped and deleted by {@link #close()}.
 */
final class LocalPostgres implements AutoCloseable {
    private final Path root, data, bin;
    private final int port;
    private final boolean asPostgres;

    LocalPostgres() throws Exception {
        bin = binDir();
        asPostgres = "root".equals(System.getProperty("user.name"));
        root = Files.createTempDirectory("keybridge-pg");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = root.resolve("data");
        Files.createDirectories(data);
        if (asPostgres) {
            UserPrincipal pg = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(data, pg);
            Files.setOwner(root, pg);
        }
        run(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "portal", "-E", "UTF8",
                "--locale=C", "--no-sync");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l", root.resolve("log").toString(),
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.directory(root.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static Path binDir() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) throw new IOException("PostgreSQL is not installed (apt-get install postgresql)");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IOException("no initdb under " + base));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
