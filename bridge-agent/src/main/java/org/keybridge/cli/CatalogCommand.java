package org.keybridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keybridge.config.catalog.Catalog;
import org.keybridge.config.update.Catalogs;
import org.keybridge.error.KeyBridgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge catalog show|update FILE}: the token catalog in use, and its signed updates. */
@Command(name = "catalog", description = "The token catalog.", subcommands = {CatalogCommand.Show.class, CatalogCommand.Update.class})
final class CatalogCommand {
    @ParentCommand KeyBridgeCli cli;

    @Command(name = "show", description = "Print the catalog in use (with the portal list and the override applied).")
    static final class Show implements Callable<Integer> {
        @ParentCommand CatalogCommand parent;

        @Option(names = "--json", description = "the whole catalog as JSON (default: a summary)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Catalogs.Loaded loaded = Catalogs.load(parent.cli.config());
            loaded.warnings().forEach(w -> System.err.println("warning: " + w));
            Catalog c = loaded.catalog();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(c));
                return 0;
            }
            System.out.println(KeyBridgeException.text("catalog.version", parent.cli.locale(), loaded.version()));
            System.out.println("vendors " + c.vendors().size() + ", CA issuers " + c.caIssuers().size() + ", token models "
                    + c.tokenModels().size() + ", modules " + c.modules().size() + ", driver packages "
                    + c.driverPackages().size() + ", portals " + c.portals().size() + ", quirks " + c.quirks().size());
            return 0;
        }
    }

    @Command(name = "update", description = "Install a signed catalog (FILE and FILE.sig); older or unsigned ones are refused.")
    static final class Update implements Callable<Integer> {
        @ParentCommand CatalogCommand parent;

        @Parameters(paramLabel = "FILE", description = "the catalog (JSON); its signature is FILE.sig")
        Path file;

        @Override
        public Integer call() {
            Catalog c = Catalogs.store(parent.cli.config(), w -> System.err.println("warning: " + w)).updateCatalog(file);
            System.out.println(KeyBridgeException.text("catalog.updated", parent.cli.locale(), c.sequence()));
            return 0;
        }
    }
}
