package org.keybridge.token;

/** The kind of key behind a certificate. */
public enum KeyType { RSA, EC }
