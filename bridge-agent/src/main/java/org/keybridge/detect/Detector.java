package org.keybridge.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.NativeModule;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.pcsc.CardReader;
import org.keybridge.usb.UsbDevice;

/**
 * Names what is plugged in through the catalog: a card's ATR (with the catalog's masks) or a USB device's VID:PID
 * gives the token models, and a model gives its native modules, best first, with where each is on this machine.
 */
public final class Detector {
    private final Catalog catalog;
    private final Platform platform;

    public Detector(Catalog catalog, Platform platform) {
        this.catalog = catalog;
        this.platform = platform;
    }

    public Detector(Catalog catalog) { this(catalog, Platform.current()); }

    public Catalog catalog() { return catalog; }

    public Platform platform() { return platform; }

    /** The models a card's ATR matches; none without a card or ATR. */
    public List<TokenModel> models(CardReader reader) {
        byte[] atr = reader.atrBytes();
        return atr == null ? List.of() : catalog.matchAtr(atr);
    }

    /** The models a USB device's VID:PID matches. */
    public List<TokenModel> models(UsbDevice device) { return catalog.matchUsb(device.vendorId(), device.productId()); }

    /** The model's modules, best first, each with its file on this machine if it is installed. */
    public List<ModuleChoice> modules(TokenModel model) {
        return catalog.modulesOf(model).stream().map(m -> new ModuleChoice(m, m.locate(platform))).toList();
    }

    /** The catalog entry a configured library belongs to: same path, or the same file name as the catalog's. */
    public Optional<NativeModule> moduleForLibrary(String library) {
        Path p = Path.of(library);
        String name = p.getFileName() == null ? library : p.getFileName().toString();
        return catalog.modules().stream()
                .filter(m -> m.candidates(platform).contains(p) || m.fileName(platform).map(f -> Path.of(f).getFileName().toString().equals(name)).orElse(false))
                .findFirst();
    }

    /** A catalog module and where it is installed here (empty: not installed). */
    public record ModuleChoice(NativeModule module, Optional<Path> installed) {}
}
