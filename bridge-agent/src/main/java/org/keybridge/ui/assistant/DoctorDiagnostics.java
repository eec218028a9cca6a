package org.keybridge.ui.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keybridge.config.drivers.DriverStore;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;

/**
 * {@link Diagnostics} through {@code keybridge doctor --json [--bundle FILE]} (helper pcsc's doctor), run as a child
 * process: the doctor loads and finalizes PKCS#11 modules, which in this process would pull the modules out from under
 * the assistant's own driver (and a broken vendor library would take the window down with it). Its findings and fixes
 * come in the window's language, the library versions from its module probes (C_GetInfo), and its redacted zip is the
 * bundle.
 */
public final class DoctorDiagnostics implements Diagnostics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> command;
    private final DriverStore drivers;
    private final Path bundleDir;

    /**
     * @param command how to start the command line up to its options, e.g. {@code java -cp … org.keybridge.cli.KeyBridgeCli
     *     --config FILE}; {@code --lang L doctor --json} and the bundle options are added
     */
    public DoctorDiagnostics(List<String> command, DriverStore drivers, Path bundleDir) {
        this.command = List.copyOf(command);
        this.drivers = drivers;
        this.bundleDir = bundleDir;
    }

    /** This JVM's own java and class path running the CLI, with {@code configFile} when there is one. */
    public static List<String> sameJvm(Path configFile, List<String> doctorOptions) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.keybridge.cli.KeyBridgeCli"));
        if (configFile != null) c.addAll(List.of("--config", configFile.toString()));
        c.addAll(doctorOptions);
        return c;
    }

    @Override
    public Report diagnose(Locale locale, List<ModuleState> modules, List<Token> tokens) {
        JsonNode r = run(locale, null);
        List<Finding> findings = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        for (JsonNode f : r.path("findings")) {
            findings.add(new Finding(f.path("severity").asText().toUpperCase(Locale.ROOT), f.path("text").asText(),
                    f.hasNonNull("fix") ? f.path("fix").asText() : null));
            JsonNode d = f.path("details");
            if (d.hasNonNull("libraryVersion") && d.hasNonNull("module")) versions.put(d.get("module").asText(), d.get("libraryVersion").asText());
        }
        List<String> installed = new ArrayList<>();
        for (DriverStore.Installed d : drivers.list()) {
            installed.add(d.model() + ": " + d.current() + (d.previous() == null ? "" : " (" + d.previous() + ")"));
        }
        return new Report(findings, versions, installed, true);
    }

    @Override
    public Path writeBundle(Locale locale, List<ModuleState> modules, List<Token> tokens) throws IOException {
        Files.createDirectories(bundleDir);
        Path zip = Diagnostics.bundlePath(bundleDir, ".zip");
        run(locale, zip);
        if (!Files.isRegularFile(zip)) throw new IOException("the doctor wrote no bundle " + zip);
        return zip;
    }

    private JsonNode run(Locale locale, Path bundle) {
        List<String> c = new ArrayList<>(command);
        int at = c.indexOf("org.keybridge.cli.KeyBridgeCli") + 1;
        List<String> doctor = new ArrayList<>(List.of("--lang", locale.toLanguageTag(), "doctor", "--json"));
        if (bundle != null) doctor.addAll(List.of("--bundle", bundle.toString()));
        // global options right after the main class; the doctor's own (as given at the end) after "doctor"
        List<String> own = new ArrayList<>(c.subList(at, c.size()));
        List<String> global = new ArrayList<>(), after = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).equals("--config") && i + 1 < own.size()) {
                global.add(own.get(i));
                global.add(own.get(++i));
            } else {
                after.add(own.get(i));
            }
        }
        List<String> full = new ArrayList<>(c.subList(0, at));
        full.addAll(global);
        full.addAll(doctor);
        full.addAll(after);
        try {
            Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keybridge doctor took longer than 120 s");
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("keybridge doctor could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the doctor ran", e);
        }
    }
}
