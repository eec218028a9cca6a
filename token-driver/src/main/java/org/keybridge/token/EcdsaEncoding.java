package org.keybridge.token;

/** How an ECDSA signature is returned: raw r‖s (JOSE, WebCrypto, Web eID) or an ASN.1 DER SEQUENCE (X.509, openssl). */
public enum EcdsaEncoding { RAW, DER }
