package org.keybridge.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.keybridge.pkcs11.ModuleSpec;

/**
 * Tries a PKCS#11 module in a child JVM — load, C_Initialize, C_GetInfo, C_GetSlotList, C_Finalize — so that a broken
 * vendor library (one that crashes, hangs or calls exit) can only take the child down, never the agent or the doctor.
 * The module's environment is the child's environment, so nothing is set in this process.
 */
public final class ModuleProbe {
    private ModuleProbe() {}

    public static ProbeResult run(ModuleSpec spec, Duration timeout) {
        long start = System.nanoTime();
        if (!Files.isRegularFile(Path.of(spec.library()))) {
            return failed(spec, "load", "no such file", -1, start);
        }
        // a library that crashes the child makes the JVM write its crash report: into the temporary folder, named in the
        // result, never into the user's working directory (doctor and drivers run wherever IT staff stand)
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path report = tmp.resolve("keybridge-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Xmx32m", "-XX:ErrorFile=" + report,
                "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName(), spec.library()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(spec.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return failed(spec, "load", "cannot start the probe: " + e.getMessage(), -1, start);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return failed(spec, "timeout", "no answer within " + timeout.toMillis() + " ms", -1, start);
            }
            ProbeResult r = parse(spec, out.get(5, TimeUnit.SECONDS), p.exitValue(), start);
            if (!Files.exists(report)) return r;
            if (!r.crashed()) {
                Files.deleteIfExists(report);
                return r;
            }
            return new ProbeResult(r.library(), r.ok(), r.stage(), r.error() + "; the JVM's crash report: " + report,
                    r.cryptokiVersion(), r.manufacturer(), r.description(), r.libraryVersion(), r.slots(), r.tokenLabels(),
                    r.exitStatus(), r.millis());
        } catch (Exception e) {
            p.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return failed(spec, "timeout", e.toString(), -1, start);
        }
    }

    private static ProbeResult parse(ModuleSpec spec, String output, int status, long start) {
        Map<String, String> facts = new HashMap<>();
        List<String> tokens = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith(ProbeMain.PREFIX)) continue; // the vendor library's own chatter
            String kv = line.substring(ProbeMain.PREFIX.length());
            int eq = kv.indexOf('=');
            if (eq < 0) continue;
            if (kv.startsWith("token=")) tokens.add(kv.substring(eq + 1));
            else facts.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        boolean ok = status == 0 && "true".equals(facts.get("ok"));
        String stage = facts.get("stage"), error = facts.get("error");
        if (!ok && stage == null) {
            // no report at all: the process died inside the library
            stage = "crash";
            error = status > 128 ? "killed by signal " + (status - 128) + signalName(status - 128) : "exit status " + status;
        }
        int slots = facts.containsKey("slots") ? Integer.parseInt(facts.get("slots")) : 0;
        return new ProbeResult(spec.library(), ok, ok ? null : stage, ok ? null : error, facts.get("cryptoki"),
                facts.get("manufacturer"), facts.get("description"), facts.get("libraryVersion"), slots, tokens, status,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV, segmentation fault)";
            default -> "";
        };
    }

    private static ProbeResult failed(ModuleSpec spec, String stage, String error, int status, long start) {
        return new ProbeResult(spec.library(), false, stage, error, null, null, null, null, 0, List.of(), status,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
