package org.keybridge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keybridge tokens [--json]}: the inserted keys and their certificates with status. */
@Command(name = "tokens", description = "List the inserted keys and their certificates with status.")
final class TokensCommand implements Callable<Integer> {
    @ParentCommand KeyBridgeCli cli;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (TokenDriver driver = Drivers.open(cli.config())) {
            List<ModuleState> modules = driver.modules();
            if (!modules.isEmpty() && modules.stream().noneMatch(ModuleState::loaded)) {
                throw new KeyBridgeException(ErrorCode.MODULE_LOAD_FAILED, modules.get(0).library() + ": " + modules.get(0).error());
            }
            List<Token> tokens = driver.tokens();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(new Json.TokensView(modules,
                        tokens.stream().map(Json.TokenView::of).toList())));
                return 0;
            }
            for (ModuleState m : modules) {
                if (!m.loaded()) System.out.println("module " + m.name() + " (" + m.library() + ") did not load: " + m.error());
            }
            if (tokens.isEmpty()) {
                System.out.println(KeyBridgeException.userMessage(ErrorCode.NO_TOKEN, cli.locale()));
                return 0;
            }
            for (Token t : tokens) {
                System.out.printf("%s  [%s %s, serial %s, module %s, slot %d]%s%n", t.label(), t.manufacturer(), t.model(),
                        t.serialNumber(), t.module(), t.slotId(), t.pinState().flags().isEmpty() ? "" : "  PIN: " + t.pinState().ordered());
                for (TokenCertificate c : t.certificates()) {
                    System.out.printf("  %-13s %s%n", c.status(), c.subject());
                    System.out.printf("                %s%n", c.status().describe(c.notBefore(), c.notAfter(), cli.locale()));
                    System.out.printf("                id %s%n", c.id());
                    System.out.printf("                %s %d%s, valid %s .. %s%s%n", c.keyType(), c.keySize(),
                            c.curve() == null ? "" : " " + c.curve(), c.notBefore(), c.notAfter(),
                            c.uscc() == null ? "" : ", USCC " + c.uscc());
                    System.out.printf("                issuer %s; usage %s %s%s%n", c.issuer(), c.keyUsage(), c.extendedKeyUsage(),
                            c.hasPrivateKey() ? "" : "; no private key");
                }
            }
            return 0;
        }
    }
}
