package org.keybridge.portal.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

    /**
     * Hashes made by the reference implementation (Debian's argon2 0~20171227, e.g.
     * {@code echo -n "correct horse battery staple" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e}):
     * Bouncy Castle, as we call it, must verify them, so our hashes are real Argon2id v1.3.
     */
    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        Argon2idHasher h = new Argon2idHasher();
        assertThat(h.verify("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ISO7kkvFzh19GM8qB7patN3C3Y9HHsjlVTfEZ9T600Y",
                "correct horse battery staple")).isTrue();
        assertThat(h.verify("$argon2id$v=19$m=1024,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$ZY3HaJPAdzwZVfT/6QwpVxRN2NSggYje4OQiig+6rJQ",
                "密码123")).isTrue();
        assertThat(h.verify("$argon2id$v=19$m=1024,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$ZY3HaJPAdzwZVfT/6QwpVxRN2NSggYje4OQiig+6rJQ",
                "密码124")).isFalse();
    }

    @Test
    void defaultHashVerifiesAndCarriesItsParameters() {
        Argon2idHasher h = new Argon2idHasher();
        String encoded = h.hash("Kb-2026-secret");
        assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(h.verify(encoded, "Kb-2026-secret")).isTrue();
        assertThat(h.verify(encoded, "Kb-2026-secreT")).isFalse();
        assertThat(h.needsRehash(encoded)).isFalse();
    }

    @Test
    void saltIsFreshEachTime() {
        Argon2idHasher h = new Argon2idHasher(new Argon2idHasher.Params(1024, 1, 1, 16, 32), new SecureRandom());
        String a = h.hash("same"), b = h.hash("same");
        assertThat(a).isNotEqualTo(b);
        assertThat(h.verify(a, "same")).isTrue();
        assertThat(h.verify(b, "same")).isTrue();
    }

    @Test
    void otherParametersStillVerifyAndAskForARehash() {
        Argon2idHasher cheap = new Argon2idHasher(new Argon2idHasher.Params(1024, 1, 1, 16, 32), new SecureRandom());
        String old = cheap.hash("pw-1234567");
        Argon2idHasher current = new Argon2idHasher();
        assertThat(current.verify(old, "pw-1234567")).isTrue();
        assertThat(current.needsRehash(old)).isTrue();
    }

    @Test
    void malformedHashesNeverVerify() {
        Argon2idHasher h = new Argon2idHasher();
        for (String bad : new String[] {null, "", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=x,t=1,p=1$c2FsdA$aGFzaA", "plain"}) {
            assertThat(h.verify(bad, "anything")).as(String.valueOf(bad)).isFalse();
        }
    }
}
