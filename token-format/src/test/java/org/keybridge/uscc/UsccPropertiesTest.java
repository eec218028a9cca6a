package org.keybridge.uscc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Error-detection properties of the mod-31 check. 31 is prime and every weight is a power of 3
 * (a primitive root mod 31), so the position weights 1..17 are distinct and non-zero; the check
 * character itself counts with weight 1. Consequences proven here:
 * every single substitution is detected; every transposition of two different characters is
 * detected except swapping positions 1 and 18, which both weigh 1 and so is never detected.
 *
 * <p>Each property is checked on {@link #TRIES} inputs drawn from a {@link Random} seeded with
 * {@link #SEED} (mixed with the property's name, so properties draw different inputs). A failure
 * reports the seed, the try and the inputs; rerun with {@code -Dkeybridge.test.seed=<seed>} to
 * reproduce it, or with another seed to explore further.
 */
class UsccPropertiesTest {

    private static final long SEED = Long.getLong("keybridge.test.seed", 20150901L);
    private static final int TRIES = 1000;
    /** Upper bound on draws per property, so that a too-strict filter fails instead of looping. */
    private static final int MAX_DRAWS = 20 * TRIES;

    private static final String DIGITS = "0123456789";
    /** Characters that can never be part of a USCC, even after uppercasing. */
    private static final String FOREIGN = "IOSVZiosvz-_@#:=,. 中国深圳";
    /** Fixed prefixes tried first in every property, before the random ones. */
    private static final String[] EDGE_PREFIXES = {
        "00000000000000000", "YY999999YYYYYYYYY", "0Y0000009Y0Y0Y0Y0", "91440300MA5ABCDEF",
    };

    @Test
    void prefixWithItsCheckCharacterIsValid() {
        forAll("prefixWithItsCheckCharacterIsValid", t -> {
            String prefix = t.input("prefix", prefix(t));
            String code = prefix + Uscc.checkCharacter(prefix);
            assertThat(Uscc.isValid(code)).isTrue();
            assertThat(Uscc.withCheckCharacter(prefix).value()).isEqualTo(code);
            assertThat(Uscc.parse(code.toLowerCase()).value()).isEqualTo(code);
        });
    }

    @Test
    void everySingleSubstitutionIsDetected() {
        forAll("everySingleSubstitutionIsDetected", t -> {
            String code = t.input("code", code(t));
            int position = t.input("position", t.random.nextInt(0, 18));
            // stay inside the digits at 3..8 so that only the check character can catch the change
            String chars = position >= 2 && position <= 7 ? DIGITS : Uscc.ALPHABET;
            char original = code.charAt(position);
            // 1..n-1 reaches every other character of the set, so no draw has to be thrown away
            int shift = t.input("shift", t.random.nextInt(1, chars.length()));
            char replacement = chars.charAt((chars.indexOf(original) + shift) % chars.length());
            assertThat(replacement).isNotEqualTo(original);
            String changed = t.input("changed", replace(code, position, replacement));
            assertThat(checksumHolds(changed)).isFalse();
            assertThat(Uscc.isValid(changed)).isFalse();
        });
    }

    @Test
    void everyAdjacentTranspositionIsDetected() {
        forAll("everyAdjacentTranspositionIsDetected", t -> {
            String code = t.input("code", code(t));
            int position = t.input("position", t.random.nextInt(0, 17));
            if (!t.assume(code.charAt(position) != code.charAt(position + 1))) {
                return;
            }
            String swapped = t.input("swapped", swap(code, position, position + 1));
            assertThat(checksumHolds(swapped)).isFalse();
            assertThat(Uscc.isValid(swapped)).isFalse();
        });
    }

    @Test
    void everyTranspositionExceptFirstWithLastIsDetected() {
        forAll("everyTranspositionExceptFirstWithLastIsDetected", t -> {
            String code = t.input("code", code(t));
            int i = t.input("i", t.random.nextInt(0, 18));
            int j = t.input("j", t.random.nextInt(0, 18));
            if (!t.assume(i < j && !(i == 0 && j == 17)) || !t.assume(code.charAt(i) != code.charAt(j))) {
                return;
            }
            assertThat(checksumHolds(swap(code, i, j))).isFalse();
        });
    }

    @Test
    void swappingFirstAndLastIsNeverDetected() {
        // documents the one blind spot: positions 1 and 18 both have weight 1
        forAll("swappingFirstAndLastIsNeverDetected", t -> {
            String code = t.input("code", code(t));
            assertThat(Uscc.isValid(swap(code, 0, 17))).isTrue();
        });
    }

    @Test
    void findInFindsTheCodeBetweenDelimitedNoise() {
        forAll("findInFindsTheCodeBetweenDelimitedNoise", t -> {
            String code = t.input("code", code(t));
            String before = t.input("before", anyString(t.random));
            String after = t.input("after", anyString(t.random));
            if (!t.assume(Uscc.findIn(before).isEmpty() && Uscc.findIn(after).isEmpty())) {
                return;
            }
            assertThat(Uscc.findIn(before + "=" + code + "," + after)).contains(new Uscc(code));
        });
    }

    @Test
    void findInFindsTheCodeGluedToForeignCharacters() {
        forAll("findInFindsTheCodeGluedToForeignCharacters", t -> {
            String code = t.input("code", code(t));
            String before = t.input("before", foreignNoise(t.random));
            String after = t.input("after", foreignNoise(t.random));
            assertThat(Uscc.findIn(before + code + after)).contains(new Uscc(code));
        });
    }

    @Test
    void anExactRunBeatsAWindowInALongerRun() {
        forAll("anExactRunBeatsAWindowInALongerRun", t -> {
            String glued = t.input("glued", code(t));
            String exact = t.input("exact", randomCode(t.random));
            char extra = t.input("extra", pick(t.random, Uscc.ALPHABET));
            // "Q91..." may hold a chance-valid window at offset 0; the stand-alone code must win
            assertThat(Uscc.findIn(extra + glued + " " + exact)).contains(new Uscc(exact));
        });
    }

    // ---------------------------------------------------------------- generators

    /** An edge prefix for the first tries, then a random one. */
    private static String prefix(Trial t) {
        return t.draw < EDGE_PREFIXES.length ? EDGE_PREFIXES[t.draw] : randomPrefix(t.random);
    }

    private static String code(Trial t) {
        String prefix = prefix(t);
        return prefix + Uscc.checkCharacter(prefix);
    }

    /** Two alphabet characters, six digits (the administrative division), nine alphabet characters. */
    private static String randomPrefix(Random random) {
        return randomString(random, Uscc.ALPHABET, 2)
                + randomString(random, DIGITS, 6)
                + randomString(random, Uscc.ALPHABET, 9);
    }

    private static String randomCode(Random random) {
        String prefix = randomPrefix(random);
        return prefix + Uscc.checkCharacter(prefix);
    }

    /** 0..30 characters that can never be part of a USCC; empty now and then. */
    private static String foreignNoise(Random random) {
        int length = random.nextInt(8) == 0 ? 0 : random.nextInt(0, 31);
        return randomString(random, FOREIGN, length);
    }

    /**
     * Arbitrary noise: 0..40 characters (empty now and then), each drawn from one of the USCC
     * alphabet, ASCII letters and digits in both cases, printable ASCII, whitespace and controls,
     * CJK, or any UTF-16 code unit including lone surrogates.
     */
    private static String anyString(Random random) {
        int length = random.nextInt(8) == 0 ? 0 : random.nextInt(0, 41);
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            sb.append(switch (random.nextInt(6)) {
                case 0 -> pick(random, Uscc.ALPHABET);
                case 1 -> pick(random, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
                case 2 -> (char) random.nextInt(0x20, 0x7f);
                case 3 -> pick(random, " \t\r\n\u0000\u00a0\u3000");
                case 4 -> (char) random.nextInt(0x4e00, 0xa000);
                default -> (char) random.nextInt(0, 0x10000);
            });
        }
        return sb.toString();
    }

    private static String randomString(Random random, String chars, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            sb.append(pick(random, chars));
        }
        return sb.toString();
    }

    private static char pick(Random random, String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }

    // ---------------------------------------------------------------- runner

    /**
     * Runs {@code property} until it has been checked on {@link #TRIES} inputs that pass its
     * assumptions. A failure is rethrown with the seed, the draw and the recorded inputs.
     */
    private static void forAll(String name, Consumer<Trial> property) {
        Random random = new Random(SEED ^ name.hashCode());
        int checked = 0;
        int draw = 0;
        while (checked < TRIES) {
            assertThat(draw)
                    .as("%s: only %d of %d draws passed the assumptions (seed %d)", name, checked, draw, SEED)
                    .isLessThan(MAX_DRAWS);
            Trial trial = new Trial(random, draw);
            try {
                property.accept(trial);
            } catch (AssertionError e) {
                throw new AssertionError(
                        name + " failed on draw " + draw + " with seed " + SEED
                                + " (rerun with -Dkeybridge.test.seed=" + SEED + "), inputs " + trial.inputs
                                + ": " + e.getMessage(),
                        e);
            }
            if (trial.accepted) {
                checked++;
            }
            draw++;
        }
    }

    /** One draw: the random source, the inputs drawn so far and whether the assumptions held. */
    private static final class Trial {
        final Random random;
        final int draw;
        final Map<String, Object> inputs = new LinkedHashMap<>();
        boolean accepted = true;

        Trial(Random random, int draw) {
            this.random = random;
            this.draw = draw;
        }

        <T> T input(String name, T value) {
            inputs.put(name, value);
            return value;
        }

        /** Records whether the draw satisfies an assumption; a rejected draw does not count. */
        boolean assume(boolean condition) {
            accepted &= condition;
            return condition;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean checksumHolds(String code) {
        return Uscc.checkCharacter(code.substring(0, 17)) == code.charAt(17);
    }

    private static String replace(String s, int i, char c) {
        char[] chars = s.toCharArray();
        chars[i] = c;
        return new String(chars);
    }

    private static String swap(String s, int i, int j) {
        char[] chars = s.toCharArray();
        char t = chars[i];
        chars[i] = chars[j];
        chars[j] = t;
        return new String(chars);
    }
}
