package org.keybridge.format;

/** The kind of key behind a certificate. SM2: an EC key on the Chinese curve sm2p256v1 (1.2.156.10197.1.301). */
public enum KeyType { RSA, EC, SM2 }
