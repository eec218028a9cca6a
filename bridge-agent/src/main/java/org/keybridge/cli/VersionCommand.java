package org.keybridge.cli;

import java.util.concurrent.Callable;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.update.Catalogs;
import org.keybridge.core.AgentVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge version}: version, git commit, catalog version — the same three the agent's {@code status} reports. */
@Command(name = "version", description = "Print version, git commit and catalog version.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    /** The version alone: what the native host's hello carries. */
    static String version() { return AgentVersion.buildVersion(); }

    /** Version, build commit and the version of the catalog this configuration uses; one source for the CLI and status. */
    static AgentVersion of(KeyBridgeConfig config) { return of(Catalogs.load(config)); }

    static AgentVersion of(Catalogs.Loaded catalog) { return AgentVersion.build(catalog.version()); }

    @Override
    public Integer call() {
        AgentVersion v = of(cli.config());
        System.out.println("keybridge " + v.version());
        System.out.println("commit    " + v.commit());
        System.out.println("catalog   " + v.catalogVersion());
        System.out.println("java      " + System.getProperty("java.version"));
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            AgentVersion v = AgentVersion.build(AgentVersion.NO_CATALOG);
            return new String[] {"keybridge " + v.version() + " (" + v.commit() + ")"};
        }
    }
}
