package org.keybridge.demoportal.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Page templates: Mustache files under {@code org/keybridge/demoportal/templates/}, HTML-escaped by default. */
public final class Views {
    private final MustacheFactory factory = new DefaultMustacheFactory("org/keybridge/demoportal/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    public String render(String template, Map<String, Object> model) {
        Mustache m = compiled.computeIfAbsent(template, t -> factory.compile(t + ".mustache"));
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
