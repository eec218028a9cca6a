package org.keybridge.probe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.keybridge.pkcs11.Pkcs11Exception;
import org.keybridge.pkcs11.Pkcs11Library;

/**
 * The child process of {@link ModuleProbe}: loads one PKCS#11 module and reports, one {@code key=value} line per
 * fact, each prefixed so that what the vendor library prints itself cannot be mistaken for a result. Exit 0 when
 * every step passed, 3 when one failed; a crash kills only this process.
 */
public final class ProbeMain {
    static final String PREFIX = "keybridge-probe:";

    private ProbeMain() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String stage = "load";
        try {
            Pkcs11Library lib;
            try {
                lib = Pkcs11Library.load(args[0]);
            } catch (Pkcs11Exception e) {
                stage = "C_GetFunctionList";
                throw e;
            }
            stage = "C_Initialize";
            lib.initialize();
            stage = "C_GetInfo";
            Pkcs11Library.RawInfo info = lib.getInfo();
            put(out, "cryptoki", info.cryptokiVersion());
            put(out, "manufacturer", info.manufacturer());
            put(out, "description", info.libraryDescription());
            put(out, "libraryVersion", info.libraryVersion());
            stage = "C_GetSlotList";
            put(out, "slots", String.valueOf(lib.getSlotList(false).length));
            for (long slot : lib.getSlotList(true)) {
                try {
                    Pkcs11Library.RawTokenInfo t = lib.getTokenInfo(slot);
                    if ((t.flags() & org.keybridge.pkcs11.CK.CKF_TOKEN_INITIALIZED) != 0) put(out, "token", t.label());
                } catch (Pkcs11Exception e) {
                    // a token going away while we look is not the module's fault
                }
            }
            stage = "C_Finalize";
            lib.finalizeModule();
            put(out, "ok", "true");
            System.exit(0);
        } catch (Throwable e) {
            put(out, "stage", stage);
            put(out, "error", e.getMessage() == null ? e.toString() : e.getMessage());
            System.exit(3);
        }
    }

    private static void put(PrintStream out, String key, String value) {
        out.println(PREFIX + key + "=" + (value == null ? "" : value.replace('\n', ' ')));
    }
}
