package org.keybridge.format;

/** The kind of key behind a certificate. */
public enum KeyType { RSA, EC }
