package org.keybridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keybridge version}: version, git commit, catalog version. */
@Command(name = "version", description = "Print version, git commit and catalog version.")
final class VersionCommand implements Callable<Integer> {
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/keybridge-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Asked of git only when printed: the launcher must not pay for it on every start. */
    static String commit() {
        String home = System.getProperty("keybridge.home");
        if (home == null) return "unknown";
        try {
            Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    @Override
    public Integer call() {
        System.out.println("keybridge " + version());
        System.out.println("commit    " + commit());
        System.out.println("catalog   none (the token catalog arrives with native-config)");
        System.out.println("java      " + System.getProperty("java.version"));
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"keybridge " + version() + " (" + commit() + ")"}; }
    }
}
