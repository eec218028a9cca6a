package org.keybridge.detect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.catalog.NativeModule;
import org.keybridge.config.catalog.Platform;
import org.keybridge.config.catalog.TokenModel;
import org.keybridge.pkcs11.ModuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's SM2 mechanism numbers for a PKCS#11 module loaded for a catalog model, when its configuration gives
 * none: an installed driver bundle's module (through its model's modules) or a configured library that is a catalog
 * module's file ({@link Detector#moduleForLibrary}). The names stay the vendor's (token-driver maps its known
 * spellings onto its three ways of signing); a name the catalog gives an {@code sm2Roles} entry is also put under
 * that role. Asked only when an SM2 key of the module signs: the catalog is read then, once, not at start.
 */
public final class CatalogSm2Mechanisms implements Function<ModuleSpec, Map<String, Long>> {
    private static final Logger log = LoggerFactory.getLogger(CatalogSm2Mechanisms.class);

    private final Supplier<Catalog> catalog;
    private final Function<String, Optional<String>> modelOfModule;
    private final Platform platform;
    private final Map<String, Map<String, Long>> byModule = new ConcurrentHashMap<>();
    private volatile Catalog loaded;

    /**
     * @param catalog read on the first lookup
     * @param modelOfModule the catalog model a module (by its name) was installed for, if any (driver bundles)
     */
    public CatalogSm2Mechanisms(Supplier<Catalog> catalog, Function<String, Optional<String>> modelOfModule,
                                Platform platform) {
        this.catalog = catalog;
        this.modelOfModule = modelOfModule;
        this.platform = platform;
    }

    @Override
    public Map<String, Long> apply(ModuleSpec spec) {
        return byModule.computeIfAbsent(spec.name() + "\n" + spec.library(), k -> lookup(spec));
    }

    private Map<String, Long> lookup(ModuleSpec spec) {
        Catalog c;
        try {
            c = catalog();
        } catch (RuntimeException e) { // no catalog, no vendor numbers: the signer then says UNSUPPORTED_MECHANISM
            log.warn("no catalog for the SM2 mechanisms of module {}: {}", spec.name(), e.getMessage());
            return Map.of();
        }
        Optional<NativeModule> m = modelOfModule.apply(spec.name()).flatMap(c::model).flatMap(model -> ofModel(c, model, spec))
                .or(() -> new Detector(c, platform).moduleForLibrary(spec.library()).filter(x -> x.type().equals("pkcs11")));
        Map<String, Long> out = m.map(CatalogSm2Mechanisms::numbers).orElse(Map.of());
        if (!out.isEmpty()) log.debug("module {}: SM2 mechanisms from catalog module {}", spec.name(), m.get().id());
        return out;
    }

    private Catalog catalog() {
        Catalog c = loaded;
        if (c == null) {
            synchronized (this) {
                if (loaded == null) loaded = catalog.get();
                c = loaded;
            }
        }
        return c;
    }

    /** Of the model's PKCS#11 modules, the one with the library's file name, else the only one. */
    private Optional<NativeModule> ofModel(Catalog c, TokenModel model, ModuleSpec spec) {
        List<NativeModule> p11 = c.modulesOf(model).stream().filter(x -> x.type().equals("pkcs11")).toList();
        Path file = Path.of(spec.library()).getFileName();
        Optional<NativeModule> named = p11.stream().filter(x -> x.fileName(platform)
                .map(f -> Path.of(f).getFileName().equals(file)).orElse(false)).findFirst();
        return named.isPresent() || p11.size() != 1 ? named : Optional.of(p11.get(0));
    }

    /** The module's numbers by the vendor's names, plus each {@code sm2Roles} name's number under its role. */
    static Map<String, Long> numbers(NativeModule m) {
        Map<String, Long> out = new HashMap<>();
        m.sm2Mechanisms().forEach((name, hex) -> out.put(name, Long.parseUnsignedLong(hex.substring(2), 16)));
        m.sm2Roles().forEach((name, role) -> {
            Long v = out.get(name);
            if (v != null) out.putIfAbsent(role, v);
        });
        return Map.copyOf(out);
    }
}
