package org.keybridge.ui.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keybridge.ui.assistant.PinRules.Problem;

class PinRulesTest {
    static final PinRules SIX_TO_TWELVE = new PinRules(6, 12);

    static Optional<Problem> change(String oldPin, String newPin, String confirm) {
        return SIX_TO_TWELVE.check(oldPin.toCharArray(), newPin.toCharArray(), confirm.toCharArray());
    }

    @ParameterizedTest
    @CsvSource({"123456,SEQUENCE", "654321,SEQUENCE", "234567,SEQUENCE", "67890123,SEQUENCE", "987654,SEQUENCE",
        "111111,ALL_SAME", "000000,ALL_SAME", "99999999,ALL_SAME", "123123,COMMON", "5201314,COMMON", "abcdef,SEQUENCE"})
    void trivialPinsAreRefusedAsTheNewPin(String pin, Problem expected) {
        assertThat(change("80467291", pin, pin)).contains(expected);
    }

    @Test
    void theOrderOfChecksGivesTheMostUsefulMessageFirst() {
        assertThat(change("", "482915", "482915")).contains(Problem.EMPTY);
        assertThat(change("80467291", "482915", "482916")).contains(Problem.MISMATCH);
        assertThat(change("80467291", "48291", "48291")).contains(Problem.TOO_SHORT);
        assertThat(change("80467291", "4829150372615", "4829150372615")).contains(Problem.TOO_LONG);
        assertThat(change("80467291", "80467291", "80467291")).contains(Problem.SAME_AS_OLD);
        assertThat(change("80467291", "482915", "482915")).isEmpty();
    }

    @Test
    void theTokensLengthRulesAreUsedAndNonsenseFallsBack() {
        assertThat(new PinRules(4, 255)).extracting(PinRules::min, PinRules::max).containsExactly(4, 255);
        assertThat(new PinRules(0, 0)).extracting(PinRules::min, PinRules::max).containsExactly(4, 64);
        assertThat(new PinRules(-1L, Long.MAX_VALUE)).extracting(PinRules::min, PinRules::max).containsExactly(4, 64);
    }

    /** Random 6-digit PINs: refused exactly when they are a run, a repetition or on the short list. */
    @Test
    void randomPinsAreRefusedOnlyForTheirPattern() {
        long seed = Long.getLong("keybridge.test.seed", 9L);
        Random r = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String pin = String.format("%06d", r.nextInt(1_000_000));
            boolean pattern = pin.chars().distinct().count() == 1 || "0123456789012345".contains(pin)
                    || "9876543210987654".contains(pin) || pin.equals("123123") || pin.equals("112233")
                    || pin.equals("121212") || pin.equals("147258") || pin.equals("159753") || pin.equals("520520")
                    || pin.equals("131420");
            Optional<Problem> p = change("80467291", pin, pin);
            assertThat(p.isPresent()).as("seed %d pin %s", seed, pin).isEqualTo(pattern);
            if (p.isPresent()) refused++;
        }
        assertThat(refused).as("a handful of 20,000 random PINs").isLessThan(50);
    }
}
