package org.keybridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keybridge.config.catalog.Portal;
import org.keybridge.config.catalog.PortalList;
import org.keybridge.config.update.Catalogs;
import org.keybridge.error.KeyBridgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge portals list|update FILE}: the signed portal list the agent's allow-list draws on. */
@Command(name = "portals", description = "The signed portal list.",
        subcommands = {PortalsCommand.ListPortals.class, PortalsCommand.Update.class})
final class PortalsCommand {
    @ParentCommand KeyBridgeCli cli;

    record PortalsView(String catalogVersion, long portalListSequence, List<Portal> portals, List<String> warnings) {}

    @Command(name = "list", description = "List the portals (origins, allowed operations, trusted issuers).")
    static final class ListPortals implements Callable<Integer> {
        @ParentCommand PortalsCommand parent;

        @Option(names = "--json", description = "machine-readable output")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Catalogs.Loaded loaded = Catalogs.load(parent.cli.config());
            List<Portal> portals = loaded.catalog().portals();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(new PortalsView(loaded.version(),
                        loaded.portalListSequence(), portals, loaded.warnings())));
                return 0;
            }
            Locale l = parent.cli.locale();
            loaded.warnings().forEach(w -> System.err.println("warning: " + w));
            System.out.println(KeyBridgeException.text("catalog.version", l, loaded.version()));
            if (portals.isEmpty()) System.out.println(KeyBridgeException.text("portals.none", l));
            for (Portal p : portals) {
                StringBuilder flags = new StringBuilder();
                if (p.dev()) flags.append(" [").append(KeyBridgeException.text("portals.dev", l)).append(']');
                if (!p.verified()) flags.append(" [").append(KeyBridgeException.text("portals.unverified", l)).append(']');
                System.out.println(p.id() + "  " + p.names().get(l) + flags);
                System.out.println("    origins: " + (p.origins().isEmpty() ? "-" : String.join(" ", p.origins())));
                System.out.println("    operations: " + String.join(" ", p.allowedOperations())
                        + (p.trustedIssuers().isEmpty() ? "" : "; issuers: " + String.join(" ", p.trustedIssuers())));
            }
            return 0;
        }
    }

    @Command(name = "update", description = "Install a signed portal list (FILE and FILE.sig); older or unsigned ones are refused.")
    static final class Update implements Callable<Integer> {
        @ParentCommand PortalsCommand parent;

        @Parameters(paramLabel = "FILE", description = "the portal list (JSON); its signature is FILE.sig")
        Path file;

        @Override
        public Integer call() {
            PortalList list = Catalogs.store(parent.cli.config(), w -> System.err.println("warning: " + w)).updatePortals(file);
            System.out.println(KeyBridgeException.text("portals.updated", parent.cli.locale(), list.sequence(), list.portals().size()));
            return 0;
        }
    }
}
