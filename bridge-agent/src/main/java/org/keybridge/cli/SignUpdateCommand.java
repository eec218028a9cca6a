package org.keybridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.keybridge.config.signing.ReleaseSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keybridge sign-update --key KEY.pem FILE…}: for the project's maintainers, writes FILE.sig (Ed25519) for a
 * catalog, portal list or driver bundle. The key is read from outside the program; none ships with it.
 */
@Command(name = "sign-update", description = "Maintainers: sign a catalog, portal list or driver bundle (writes FILE.sig).")
final class SignUpdateCommand implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "KEY.pem", description = "Ed25519 private key, PKCS#8 PEM (openssl genpkey -algorithm ed25519)")
    Path key;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        ReleaseSigner signer = ReleaseSigner.fromPem(key);
        for (Path f : files) System.out.println(signer.signFile(f));
        return 0;
    }
}
