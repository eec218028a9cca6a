package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class CertificateFactsTest {
    private static final String USCC = "91440300MA5KBD018E";
    /** A CA's private attribute for the USCC, as some Chinese CAs use. */
    private static final ASN1ObjectIdentifier PRIVATE_OID = new ASN1ObjectIdentifier("1.2.156.10260.4.1.4");

    private static KeyPair ec(String curve, java.security.Provider provider) throws Exception {
        KeyPairGenerator g = provider == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", provider);
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static X509Certificate cert(ASN1ObjectIdentifier type, ASN1Encodable value) throws Exception {
        KeyPair k = ec("secp256r1", null);
        var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "某某有限公司")
                .addRDN(type, value).build();
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                name, k.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    @Test
    void findsTheUsccInNamedAndPrivateAttributesWhateverTheirStringType() throws Exception {
        assertThat(CertificateFacts.uscc(cert(BCStyle.SERIALNUMBER, new DERPrintableString(USCC)))).contains(USCC);
        assertThat(CertificateFacts.uscc(cert(BCStyle.OU, new DERUTF8String("统一社会信用代码 " + USCC)))).contains(USCC);
        assertThat(CertificateFacts.uscc(cert(BCStyle.ORGANIZATION_IDENTIFIER, new DERUTF8String("NTRCN-" + USCC)))).contains(USCC);
        assertThat(CertificateFacts.uscc(cert(PRIVATE_OID, new DERUTF8String(USCC)))).contains(USCC);
        assertThat(CertificateFacts.uscc(cert(PRIVATE_OID, new DERBMPString(USCC)))).contains(USCC);
    }

    @Test
    void noUsccWhereNoneIsValid() throws Exception {
        assertThat(CertificateFacts.uscc(cert(BCStyle.SERIALNUMBER, new DERPrintableString("91440300MA5KBD0189")))).isEmpty();
        assertThat(CertificateFacts.uscc(cert(PRIVATE_OID, new org.bouncycastle.asn1.ASN1Integer(42)))).isEmpty();
    }

    @Test
    void sm2KeysAreToldFromNistKeysByTheirCurve() throws Exception {
        assertThat(CertificateFacts.isSm2(ec("sm2p256v1", CertificateFacts.bouncyCastle()).getPublic())).isTrue();
        assertThat(CertificateFacts.isSm2(ec("secp256r1", null).getPublic())).isFalse();
        assertThat(CertificateFacts.isSm2(ec("secp256r1", CertificateFacts.bouncyCastle()).getPublic())).isFalse();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThat(CertificateFacts.isSm2(rsa.generateKeyPair().getPublic())).isFalse();
    }
}
