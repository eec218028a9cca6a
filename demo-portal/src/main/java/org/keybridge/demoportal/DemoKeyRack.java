package org.keybridge.demoportal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The demo's "USB port" for the tax-CA key. {@code demo-keys} puts both demo tokens in one SoftHSM store, always
 * present; the story needs the employer to insert the tax-CA key only at step 3. {@link #prepare} moves the 地税CA token
 * into a store of its own, served by a copy of SoftHSM behind the fault-injecting module ({@code native/build/
 * libp11fault.so}) whose control file says {@code REMOVED=1} or {@code REMOVED=0}, and adds that module to the agent's
 * configuration. {@link #prepareSm2} instead makes the SM2 key 地税CA-SM2 of {@code demo-keys --sm2} the tax-CA key: the
 * SoftHSM 地税CA token is taken out of its store for good, and the software UKey's device directory is moved out of
 * the UKey's store (its own way of being pulled out: SKF calls answer SAR_DEVICE_REMOVED, SKF_WaitForDevEvent reports
 * it). {@link #insert}/{@link #remove} flip the control file or move the device directory back and forth: the agent's
 * token watcher sees the key come and go, and pushes token-inserted/token-removed events, as with a real key.
 */
public final class DemoKeyRack {
    public static final String TAX_TOKEN = "地税CA";
    /** The SM2 tax-CA key of {@code keybridge demo-keys --sm2} (DemoSkfKey's label, device and store). */
    public static final String SM2_TAX_TOKEN = "地税CA-SM2";
    static final String SM2_DEVICE = "ukey-1", SKF_STORE = "skfsoft", SKF_UNPLUGGED = "skfsoft-unplugged";
    static final String MODULE_NAME = "demo-tax-key";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path control;
    private final Path plugged, unplugged;

    public DemoKeyRack(Path demoDir) {
        this.control = demoDir.resolve("softhsm-tax/usb-port.control");
        this.plugged = demoDir.resolve(SKF_STORE).resolve(SM2_DEVICE);
        this.unplugged = demoDir.resolve(SKF_UNPLUGGED).resolve(SM2_DEVICE);
    }

    /** Whether {@link #prepare} or {@link #prepareSm2} has run here (the portal offers the simulated insertion only then). */
    public boolean available() {
        return Files.exists(control) || sm2();
    }

    /** The tax-CA key is the SM2 one on the software UKey ({@link #prepareSm2}). */
    public boolean sm2() {
        return Files.isDirectory(unplugged.getParent());
    }

    /** The label of the tax-CA key this rack plugs in. */
    public String label() {
        return sm2() ? SM2_TAX_TOKEN : TAX_TOKEN;
    }

    public boolean inserted() throws IOException {
        if (sm2()) return Files.exists(plugged.resolve("device.txt"));
        return available() && Files.readString(control).contains("REMOVED=0");
    }

    public void insert() throws IOException {
        if (sm2()) {
            if (Files.exists(unplugged)) Files.move(unplugged, plugged, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.writeString(control, "# the demo tax-CA key: REMOVED=1 pulled out, REMOVED=0 inserted\nREMOVED=0\n");
        }
    }

    public void remove() throws IOException {
        if (sm2()) {
            if (Files.exists(plugged)) Files.move(plugged, unplugged, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.writeString(control, "# the demo tax-CA key: REMOVED=1 pulled out, REMOVED=0 inserted\nREMOVED=1\n");
        }
    }

    /**
     * Makes the SM2 key the demo's only tax-CA key, pulled out: the SoftHSM 地税CA token leaves the SoftHSM store (to
     * {@code demoDir/softhsm-unused/}), and the software UKey's device moves to {@code demoDir/skfsoft-unplugged/}.
     * {@code config.json} is left as {@code demo-keys --sm2} wrote it (it already has the UKey's SKF module). Does nothing
     * when already done.
     */
    public static DemoKeyRack prepareSm2(Path demoDir) throws IOException {
        DemoKeyRack rack = new DemoKeyRack(demoDir);
        if (rack.sm2()) return rack;
        if (Files.exists(rack.control)) {
            throw new IOException(demoDir + " is already prepared for the SoftHSM tax-CA key (prepare-keys without --sm2)");
        }
        if (!Files.exists(rack.plugged.resolve("device.txt"))) {
            throw new IOException("no SM2 key " + SM2_TAX_TOKEN + " in " + rack.plugged.getParent()
                    + ": make the demo keys with keybridge demo-keys --sm2");
        }
        Path taxToken = findToken(demoDir.resolve("softhsm/tokens"), TAX_TOKEN);
        Path unused = Files.createDirectories(demoDir.resolve("softhsm-unused"));
        Files.move(taxToken, unused.resolve(taxToken.getFileName()));
        Files.createDirectories(rack.unplugged.getParent());
        rack.remove();
        return rack;
    }

    /**
     * Splits the demo store of {@code demoDir} (made by {@code keybridge demo-keys}) so that the tax-CA key starts
     * pulled out, and rewrites {@code demoDir/config.json} with the extra module. Does nothing when already done.
     *
     * @param faultModule {@code native/build/libp11fault.so}
     */
    public static DemoKeyRack prepare(Path demoDir, Path faultModule) throws IOException {
        DemoKeyRack rack = new DemoKeyRack(demoDir);
        if (Files.exists(rack.control)) return rack;
        if (rack.sm2()) throw new IOException(demoDir + " is already prepared for the SM2 tax-CA key (prepare-keys --sm2)");
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
