package org.keybridge.token;

/** What a PIN prompt shows: which token, for which certificate, and the token's PIN counters. */
public record PinRequest(String tokenLabel, String tokenSerial, TokenCertificate certificate, PinState pinState) {}
