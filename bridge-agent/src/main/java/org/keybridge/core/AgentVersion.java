package org.keybridge.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the agent reports about itself, the same in {@code keybridge version} and the {@code status} operation: the
 * version, the git commit it was built from (stamped into the jar at build time, never asked of git at run time) and
 * the version of the token catalog it uses.
 */
public record AgentVersion(String version, String commit, String catalogVersion) {
    public static final String UNKNOWN = "unknown";
    /** The catalog version reported while no token catalog is loaded. */
    public static final String NO_CATALOG = "none";

    /** A version alone (tests, callers that know nothing of the build). */
    public static AgentVersion of(String version) { return new AgentVersion(version, UNKNOWN, NO_CATALOG); }

    /** This build's version and commit, with the given catalog version. */
    public static AgentVersion build(String catalogVersion) {
        return new AgentVersion(buildVersion(), property("/keybridge-build.properties", "commit"), catalogVersion);
    }

    /** The version alone: cheap enough for the native host's hello (one small resource, no JSON). */
    public static String buildVersion() { return property("/keybridge-version.properties", "version"); }

    private static String property(String resource, String key) {
        try (InputStream in = AgentVersion.class.getResourceAsStream(resource)) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty(key, "").trim();
            return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
