package org.keybridge.portal;

import java.security.SecureRandom;
import org.keybridge.portal.challenge.ChallengeNonce;

/** Well-formed nonces that no store issued. */
final class ChallengeFixture {
    private static final SecureRandom RANDOM = new SecureRandom();

    static String someNonce() {
        return ChallengeNonce.generate(RANDOM).value();
    }

    private ChallengeFixture() {}
}
