package org.keybridge.config.catalog;

import java.util.List;

/** Something a model or module does that KeyBridge must work around. */
public record Quirk(String id, Names description, List<String> models, List<String> modules, Names workaround,
                    List<String> sources) {
    public Quirk {
        models = Lists.of(models);
        modules = Lists.of(modules);
        sources = Lists.of(sources);
    }
}
