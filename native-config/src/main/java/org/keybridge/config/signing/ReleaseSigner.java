package org.keybridge.config.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs release files (catalog, portal list, driver bundle): writes {@code FILE.sig} beside each. The private key is
 * a PKCS#8 PEM file as {@code openssl genpkey -algorithm ed25519} writes it; it is read from outside the program
 * and never shipped. Also runnable as a tool: {@code java -cp native-config.jar:bcprov.jar
 * org.keybridge.config.signing.ReleaseSigner KEY.pem FILE...} (and {@code keybridge sign-update}).
 */
public final class ReleaseSigner {
    private final Ed25519PrivateKeyParameters key;

    public ReleaseSigner(Ed25519PrivateKeyParameters key) { this.key = key; }

    public static ReleaseSigner fromPem(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) throw new IOException(pem + " is not a PKCS#8 PEM private key");
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        AsymmetricKeyParameter k = PrivateKeyFactory.createKey(der);
        if (!(k instanceof Ed25519PrivateKeyParameters ed)) throw new IOException(pem + " is not an Ed25519 key");
        return new ReleaseSigner(ed);
    }

    public byte[] sign(byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    /** Writes FILE.sig for FILE and returns its path. */
    public Path signFile(Path file) throws IOException {
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        Files.write(sig, DetachedSignature.encode(sign(Files.readAllBytes(file))));
        return sig;
    }

    /** The public half, in the pinned-keys file's form. */
    public String publicKeyBase64() { return Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded()); }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReleaseSigner KEY.pem FILE...");
            System.exit(2);
        }
        ReleaseSigner signer = fromPem(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) System.out.println(signer.signFile(Path.of(args[i])));
    }
}
