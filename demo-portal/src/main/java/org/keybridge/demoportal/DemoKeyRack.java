package org.keybridge.demoportal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The demo's "USB port" for the tax-CA key. {@code demo-keys} puts both demo tokens in one SoftHSM store, always
 * present; the story needs the employer to insert the tax-CA key only at step 3. {@link #prepare} moves the 地税CA token
 * into a store of its own, served by a copy of SoftHSM behind the fault-injecting module ({@code native/build/
 * libp11fault.so}) whose control file says {@code REMOVED=1} or {@code REMOVED=0}, and adds that module to the agent's
 * configuration. {@link #insert}/{@link #remove} flip the control file: the agent's token watcher sees the key come and
 * go, and pushes token-inserted/token-removed events, as with a real key.
 */
public final class DemoKeyRack {
    public static final String TAX_TOKEN = "地税CA";
    static final String MODULE_NAME = "demo-tax-key";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path control;

    public DemoKeyRack(Path demoDir) {
        this.control = demoDir.resolve("softhsm-tax/usb-port.control");
    }

    /** Whether {@link #prepare} has run on this demo directory (the portal offers the simulated insertion only then). */
    public boolean available() {
        return Files.exists(control);
    }

    public boolean inserted() throws IOException {
        return available() && Files.readString(control).contains("REMOVED=0");
    }

    public void insert() throws IOException {
        Files.writeString(control, "# the demo tax-CA key: REMOVED=1 pulled out, REMOVED=0 inserted\nREMOVED=0\n");
    }

    public void remove() throws IOException {
        Files.writeString(control, "# the demo tax-CA key: REMOVED=1 pulled out, REMOVED=0 inserted\nREMOVED=1\n");
    }

    /**
     * Splits the demo store of {@code demoDir} (made by {@code keybridge demo-keys}) so that the tax-CA key starts
     * pulled out, and rewrites {@code demoDir/config.json} with the extra module. Does nothing when already done.
     *
     * @param faultModule {@code native/build/libp11fault.so}
     */
    public static DemoKeyRack prepare(Path demoDir, Path faultModule) throws IOException {
        DemoKeyRack rack = new DemoKeyRack(demoDir);
        if (rack.available()) return rack;
        if (!Files.isRegularFile(faultModule)) {
            throw new IOException(faultModule + " is missing: run make -C native (scripts/setup.sh does)");
        }
        Path configFile = demoDir.resolve("config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
        ArrayNode modules = (ArrayNode) config.get("modules");
        ObjectNode store = (ObjectNode) modules.get(0); // demo-keys writes one module, SoftHSM
        String softhsm = store.get("library").asText();
        Path tokens = demoDir.resolve("softhsm/tokens");
        Path taxToken = findToken(tokens, TAX_TOKEN);

        Path taxDir = demoDir.resolve("softhsm-tax");
        Files.createDirectories(taxDir.resolve("tokens"));
        Files.move(taxToken, taxDir.resolve("tokens").resolve(taxToken.getFileName()));
        Path conf = taxDir.resolve("softhsm2.conf");
        Files.writeString(conf, "# the demo tax-CA key's own store (see DemoKeyRack)\n"
                + "directories.tokendir = " + taxDir.resolve("tokens") + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        // a copy of SoftHSM: one library, one global state, so this store is initialized apart from the first one
        Path lib = taxDir.resolve("libsofthsm2-tax.so");
        Files.copy(Path.of(softhsm), lib);
        rack.remove();

        // First in the list, so loaded first: JNA loads a module RTLD_GLOBAL, and a SoftHSM loaded before the copy would
        // lend the copy its C_* functions (the copy's function list would point into the first store).
        ObjectNode module = modules.insertObject(0);
        module.put("name", MODULE_NAME);
        module.put("library", faultModule.toAbsolutePath().toString());
        ObjectNode env = module.putObject("environment");
        env.put("SOFTHSM2_CONF", conf.toString());
        env.put("P11FAULT_LIB", lib.toString());
        env.put("P11FAULT_FILE", rack.control.toString());
        JSON.writeValue(configFile.toFile(), config);
        return rack;
    }

    /** The SoftHSM token directory whose token.object holds {@code label}. */
    private static Path findToken(Path tokens, String label) throws IOException {
        byte[] want = label.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> dirs = Files.list(tokens)) {
            for (Path d : dirs.toList()) {
                Path obj = d.resolve("token.object");
                if (Files.isRegularFile(obj) && contains(Files.readAllBytes(obj), want)) return d;
            }
        }
        throw new IOException("no token " + label + " in " + tokens + " (made by keybridge demo-keys?)");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
