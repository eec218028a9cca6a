package org.keybridge.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.keybridge.pkcs11.Attribute;
import org.keybridge.pkcs11.CK;
import org.keybridge.pkcs11.Mechanism;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.pkcs11.Pkcs11Library;
import org.keybridge.pkcs11.Pkcs11Module;
import org.keybridge.token.CertificateFacts;
import org.keybridge.format.KeyType;

/**
 * Makes the demo keys on a private SoftHSM2 store: an employer's expired social-security key (社保CA, RSA-2048) and
 * its valid tax-CA key (地税CA, EC P-256), both for the same enterprise and USCC; optionally an SM2 tax-CA key
 * (地税CA-SM2) on the software UKey ({@link DemoSkfKey}). Keys are generated on the token
 * (C_GenerateKeyPair, never extractable) and certificates written through KeyBridge's own PKCS#11 binding; tests
 * build their fixtures with this same code.
 */
public final class DemoKeys {
    public static final String SOCIAL_SECURITY_LABEL = "社保CA";
    public static final String TAX_LABEL = "地税CA";
    public static final String DEFAULT_SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so";
    public static final String MODULE_NAME = "demo-softhsm";
    private static final byte[] P256_OID = derOid(SECObjectIdentifiers.secp256r1);

    private DemoKeys() {}

    /** One demo token: its label, PINs, and the certificate made for its key. */
    public record DemoToken(String label, String userPin, String soPin, String objectLabel, KeyType keyType,
                            String certificateId, X509Certificate certificate) {}

    /** What {@link #create} made: the store, the module to load with its environment, and the tokens. */
    public record DemoKeySet(Path dir, Path softhsmConf, String library, Enterprise enterprise,
                             List<DemoToken> tokens, String skfLibrary, Path skfStore) {
        public DemoKeySet(Path dir, Path softhsmConf, String library, Enterprise enterprise, List<DemoToken> tokens) {
            this(dir, softhsmConf, library, enterprise, tokens, null, null);
        }

        public ModuleSpec moduleSpec() {
            return new ModuleSpec(MODULE_NAME, library, Map.of("SOFTHSM2_CONF", softhsmConf.toString()));
        }

        /** The software UKey holding the SM2 tax-CA key, or null when the set was made without one. */
        public org.keybridge.skf.SkfModuleSpec skfSpec() {
            return skfLibrary == null ? null : DemoSkfKey.spec(skfLibrary, skfStore);
        }

        public DemoToken token(String label) {
            return tokens.stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
        }

        /** {"<token label>": "<user PIN>", …} */
        public Map<String, String> pins() {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            tokens.forEach(t -> m.put(t.label(), t.userPin()));
            return m;
        }
    }

    /** Creates the store under {@code dir} (which must not hold one yet) with {@code library} as the SoftHSM module. */
    public static DemoKeySet create(Path dir, String library, Instant now) throws IOException {
        return create(dir, library, null, now);
    }

    /**
     * As {@link #create(Path, String, Instant)}, plus, when {@code skfLibrary} (the software UKey) is given, the SM2
     * tax-CA key {@link DemoSkfKey#LABEL} on it, under {@code dir/skfsoft}, for the same enterprise.
     */
    public static DemoKeySet create(Path dir, String library, String skfLibrary, Instant now) throws IOException {
        Path tokens = dir.resolve("softhsm/tokens");
        if (Files.isDirectory(tokens) && Files.list(tokens).findAny().isPresent()) {
            throw new IOException(dir + " already holds a demo store; choose an empty directory");
        }
        Files.createDirectories(tokens);
        Path conf = dir.resolve("softhsm/softhsm2.conf").toAbsolutePath();
        Files.writeString(conf, "# KeyBridge demo store: private to this directory, never the system one\n"
                + "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);

        DemoPki pki = DemoPki.create(now);
        Enterprise who = DemoPki.demoEnterprise();
        SecureRandom random = new SecureRandom();
        ModuleSpec spec = new ModuleSpec(MODULE_NAME, library, Map.of("SOFTHSM2_CONF", conf.toString()));
        List<DemoToken> made = new ArrayList<>();
        try (Pkcs11Module module = Pkcs11Module.open(spec)) {
            made.add(makeToken(module, SOCIAL_SECURITY_LABEL, "social-security-login", KeyType.RSA, pki,
                    pki.socialSecurity(), who, now.minus(Duration.ofDays(355)), now.minus(Duration.ofDays(10)),
                    random));
            made.add(makeToken(module, TAX_LABEL, "tax-login", KeyType.EC, pki, pki.tax(), who,
                    now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(2 * 365)), random));
        }
        Path skfStore = null;
        if (skfLibrary != null) {
            skfStore = dir.resolve("skfsoft").toAbsolutePath();
            Files.createDirectories(skfStore);
            made.add(DemoSkfKey.create(skfLibrary, skfStore, pki, who, now, random));
        }
        Path pem = dir.resolve("pki");
        pki.writePem(pem);
        for (DemoToken t : made) {
            Files.writeString(pem.resolve(t.objectLabel() + ".pem"), DemoPki.pem(t.certificate()), StandardCharsets.US_ASCII);
        }
        return new DemoKeySet(dir.toAbsolutePath(), conf, library, who, made, skfLibrary, skfStore);
    }

    private static DemoToken makeToken(Pkcs11Module module, String label, String objectLabel, KeyType type,
                                       DemoPki pki, CaChain ca, Enterprise who, Instant notBefore,
                                       Instant notAfter, SecureRandom random) {
        String soPin = digits(random, 8), userPin = digits(random, 6);
        byte[] id = {0x01};
        long slot = module.call(l -> freeSlot(l));
        module.call(l -> {
            l.initToken(slot, soPin.getBytes(StandardCharsets.US_ASCII), label);
            long s = l.openSession(slot, true);
            try {
                l.login(s, CK.CKU_SO, soPin.getBytes(StandardCharsets.US_ASCII));
                l.initPin(s, userPin.getBytes(StandardCharsets.US_ASCII));
                l.logout(s);
            } finally {
                l.closeSession(s);
            }
            return null;
        });
        X509Certificate cert = module.call(l -> {
            long s = l.openSession(slot, true);
            try {
                l.login(s, CK.CKU_USER, userPin.getBytes(StandardCharsets.US_ASCII));
                SubjectPublicKeyInfo spki = generate(l, s, type, id, objectLabel);
                X509Certificate c = pki.issueClientCertificate(ca, spki, who, notBefore, notAfter);
                writeCertificate(l, s, c, id, objectLabel);
                l.logout(s);
                return c;
            } finally {
                l.closeSession(s);
            }
        });
        // SoftHSM adds a fresh empty slot, and re-reads its tokens, only on a new C_Initialize
        module.reinitialize();
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new DemoToken(label, userPin, soPin, objectLabel, type, CertificateFacts.id(der), cert);
    }

    private static long freeSlot(Pkcs11Library l) {
        for (long slot : l.getSlotList(true)) {
            if ((l.getTokenInfo(slot).flags() & CK.CKF_TOKEN_INITIALIZED) == 0) return slot;
        }
        throw new IllegalStateException("the module offers no uninitialized token slot");
    }

    private static SubjectPublicKeyInfo generate(Pkcs11Library l, long s, KeyType type, byte[] id, String label) {
        List<Attribute> pub = new ArrayList<>(List.of(Attribute.bool(CK.CKA_TOKEN, true), Attribute.bool(CK.CKA_VERIFY, true),
                Attribute.bool(CK.CKA_PRIVATE, false), Attribute.of(CK.CKA_ID, id), Attribute.utf8(CK.CKA_LABEL, label)));
        Attribute[] priv = {Attribute.bool(CK.CKA_TOKEN, true), Attribute.bool(CK.CKA_PRIVATE, true),
            Attribute.bool(CK.CKA_SENSITIVE, true), Attribute.bool(CK.CKA_EXTRACTABLE, false),
            Attribute.bool(CK.CKA_SIGN, true), Attribute.of(CK.CKA_ID, id), Attribute.utf8(CK.CKA_LABEL, label)};
        if (type == KeyType.RSA) {
            pub.add(Attribute.ulong(CK.CKA_MODULUS_BITS, 2048));
            pub.add(Attribute.of(CK.CKA_PUBLIC_EXPONENT, new byte[] {1, 0, 1}));
            long[] h = l.generateKeyPair(s, Mechanism.of(CK.CKM_RSA_PKCS_KEY_PAIR_GEN), pub.toArray(Attribute[]::new), priv);
            byte[][] v = l.getAttributeValues(s, h[0], CK.CKA_MODULUS, CK.CKA_PUBLIC_EXPONENT);
            try {
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        new RSAPublicKey(new BigInteger(1, v[0]), new BigInteger(1, v[1])));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        pub.add(Attribute.of(CK.CKA_EC_PARAMS, P256_OID));
        long[] h = l.generateKeyPair(s, Mechanism.of(CK.CKM_EC_KEY_PAIR_GEN), pub.toArray(Attribute[]::new), priv);
        byte[] point = l.getAttributeValues(s, h[0], CK.CKA_EC_POINT)[0];
        // CKA_EC_POINT is DER OCTET STRING { 04 || X || Y } in v2.40; some modules give the bare point
        if (point.length != 65) point = ASN1OctetString.getInstance(point).getOctets();
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), point);
    }

    private static void writeCertificate(Pkcs11Library l, long s, X509Certificate c, byte[] id, String label) {
        try {
            l.createObject(s, Attribute.ulong(CK.CKA_CLASS, CK.CKO_CERTIFICATE),
                    Attribute.ulong(CK.CKA_CERTIFICATE_TYPE, CK.CKC_X_509), Attribute.bool(CK.CKA_TOKEN, true),
                    Attribute.bool(CK.CKA_PRIVATE, false), Attribute.of(CK.CKA_ID, id), Attribute.utf8(CK.CKA_LABEL, label),
                    Attribute.of(CK.CKA_SUBJECT, c.getSubjectX500Principal().getEncoded()),
                    Attribute.of(CK.CKA_ISSUER, c.getIssuerX500Principal().getEncoded()),
                    Attribute.of(CK.CKA_SERIAL_NUMBER, new ASN1Integer(c.getSerialNumber()).getEncoded()),
                    Attribute.of(CK.CKA_VALUE, c.getEncoded()));
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digits(SecureRandom r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + r.nextInt(10)));
        return b.toString();
    }

    private static byte[] derOid(ASN1ObjectIdentifier oid) {
        try {
            return oid.getEncoded();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
