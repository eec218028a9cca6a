package org.keybridge.demoportal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.keybridge.demoportal.pages.Pages;
import org.keybridge.demoportal.web.I18n;
import org.keybridge.demoportal.web.Site;
import org.keybridge.demoportal.web.Sessions;
import org.keybridge.demoportal.web.Views;
import org.keybridge.demoportal.web.WebServer;
import org.keybridge.portal.Portal;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.account.OutboxSmsGateway;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.store.PortalDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/demo-portal}: the social-security online service hall of the demo story, on a demo directory. */
@Command(name = "demo-portal", mixinStandardHelpOptions = true, version = "demo-portal 0.1.0",
        description = "The demo portal (social-security online service hall) for the KeyBridge demo keys.",
        subcommands = {DemoPortalMain.Serve.class, DemoPortalMain.PrepareKeys.class})
public final class DemoPortalMain {
    /** The demo account: the demo keys' company. */
    static final String DEMO_USCC = "91440300MA5KBD018E";
    static final String DEMO_PHONE = "13800138000";

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoPortalMain()).setExecutionExceptionHandler((e, cl, parsed) -> {
            if (!(e instanceof java.io.IOException)) throw e;
            System.err.println("demo-portal: " + e.getMessage()); // e.g. prepare-keys on the wrong demo directory
            return 2;
        }).execute(args));
    }

    @Command(name = "serve", description = "Serve the portal on http://localhost:PORT (the agent must allow that origin).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--demo-dir", required = true, description = "the directory of keybridge demo-keys")
        Path demoDir;

        @Option(names = "--port", defaultValue = "18080", description = "0 picks a free port (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--agent-port", description = "the agent's localhost bridge port (default: bridgePort of DIR/config.json)")
        Integer agentPort;

        @Override
        public Integer call() throws Exception {
            Path dir = demoDir.toAbsolutePath();
            int bridge = agentPort != null ? agentPort : new ObjectMapper().readTree(dir.resolve("config.json").toFile())
                    .path("bridgePort").asInt(24981);
            WebServer web = new WebServer(port);
            String origin = web.origin();
            AuthTokenValidator validator = AuthTokenValidator.builder().origin(origin).devMode(true)
                    .trustedCertificates(issuingCas(dir.resolve("pki"))).build();
            OutboxSmsGateway outbox = new OutboxSmsGateway(dir.resolve("portal/sms-outbox.jsonl"));
            Portal portal = Portal.builder().database(PortalDatabase.h2(dir.resolve("portal"))).validator(validator)
                    .smsGateway(outbox).sms(Locale.SIMPLIFIED_CHINESE, "社保网上服务大厅").build();
            seedDemoAccount(portal, read(dir.resolve("pki/social-security-login.pem")));
            Pages.register(web);
            web.start(new Site(portal, outbox, new Sessions(Clock.systemUTC()), new I18n(), new Views(),
                    "http://127.0.0.1:" + bridge, new DemoKeyRack(dir)));
            System.out.println("KeyBridge demo portal on " + origin + "/ (agent http://127.0.0.1:" + bridge + ")");
            System.out.flush();
            new CountDownLatch(1).await(); // until SIGTERM / Ctrl-C
            return 0;
        }
    }

    @Command(name = "prepare-keys", description = "Make the demo's tax-CA key start pulled out, insertable from the demo page.")
    static final class PrepareKeys implements Callable<Integer> {
        @Option(names = "--demo-dir", required = true, description = "the directory of keybridge demo-keys")
        Path demoDir;

        @Option(names = "--sm2", description = "the tax-CA key is 地税CA-SM2 on the software UKey (SKF; keybridge demo-keys --sm2),"
                + " the SoftHSM 地税CA key is taken away")
        boolean sm2;

        @Option(names = "--fault-module", description = "default: KEYBRIDGE_HOME/native/build/libp11fault.so")
        Path faultModule;

        @Override
        public Integer call() throws Exception {
            DemoKeyRack rack;
            if (sm2) {
                rack = DemoKeyRack.prepareSm2(demoDir.toAbsolutePath());
            } else {
                Path lib = faultModule != null ? faultModule
                        : Path.of(System.getProperty("keybridge.home", ".")).resolve("native/build/libp11fault.so");
                rack = DemoKeyRack.prepare(demoDir.toAbsolutePath(), lib.toAbsolutePath());
            }
            System.out.println("The demo " + rack.label() + " key is pulled out; insert it from the portal's demo page.");
            return 0;
        }
    }

    /**
     * The demo keys' company, once per database: user name = its USCC, the initial password 123456 (to be changed at
     * first login), bound to the social-security certificate it had before that expired.
     */
    static void seedDemoAccount(Portal portal, X509Certificate socialSecurity) throws Exception {
        if (portal.account(DEMO_USCC).isPresent()) return;
        Account a = portal.createAccount(DEMO_USCC, DEMO_USCC, DEMO_PHONE);
        portal.seedBinding(a, socialSecurity);
    }

    /** The issuing CAs of the demo PKI ({@code pki/*-ca.pem}): the portal's trust anchors. */
    static List<X509Certificate> issuingCas(Path pki) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(pki)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("-ca.pem")).sorted().toList()) out.add(read(p));
        }
        if (out.isEmpty()) throw new IllegalStateException("no issuing CA (*-ca.pem) in " + pki);
        return out;
    }

    static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return org.keybridge.portal.auth.Certificates.read(in); // the JDK cannot parse an SM2 CA's key
        }
    }
}
