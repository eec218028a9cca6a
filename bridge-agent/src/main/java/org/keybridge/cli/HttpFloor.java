package org.keybridge.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.SigningSession;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;

/**
 * The bench's floor for (a), run as a process of its own: the same login + signature as the in-process baseline behind
 * a bare httpcore5 server — no checks, no JSON, no audit, none of the agent. What it costs over in-process is what any
 * HTTP round trip to another process costs on this machine (sockets, and waking the two sleeping threads); what the
 * agent costs over it is the agent's own.
 *
 * <p>Arguments: PKCS#11 library, SOFTHSM2_CONF, certificate id, PIN, origin. Prints {@code port N}, then serves until
 * stdin closes.
 */
public final class HttpFloor {
    private HttpFloor() {}

    public static void main(String[] args) throws Exception {
        ModuleSpec spec = new ModuleSpec("floor", args[0], Map.of("SOFTHSM2_CONF", args[1]));
        String pin = args[3], origin = args[4];
        try (TokenDriver driver = TokenDriver.open(List.of(spec), DriverOptions.defaults())) {
            TokenCertificate cert = driver.certificate(args[2]);
            HttpServer server = ServerBootstrap.bootstrap()
                    .setLocalAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})).setListenerPort(0)
                    .setCanonicalHostName("127.0.0.1")
                    .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                    .register("*", (request, response, context) -> {
                        String nonce = new String(request.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
                        byte[] signature;
                        try (SigningSession s = driver.login(cert, r -> pin.toCharArray())) {
                            signature = s.sign(SignatureAlgorithm.ES256, AuthTokenFormat.signedData(SignatureAlgorithm.ES256, origin, nonce));
                        }
                        response.setCode(200);
                        response.setEntity(new ByteArrayEntity(Base64.getEncoder().encode(signature), null));
                    })
                    .create();
            server.start();
            System.out.println("port " + server.getLocalPort());
            System.out.flush();
            while (System.in.read() >= 0) { /* until the bench closes stdin */ }
            server.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        } catch (IOException e) {
            System.err.println("http-floor: " + e);
            System.exit(1);
        }
    }
}
