package org.keybridge.uscc;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Error-detection properties of the mod-31 check. 31 is prime and every weight is a power of 3
 * (a primitive root mod 31), so the position weights 1..17 are distinct and non-zero; the check
 * character itself counts with weight 1. Consequences proven here:
 * every single substitution is detected; every transposition of two different characters is
 * detected except swapping positions 1 and 18, which both weigh 1 and so is never detected.
 */
class UsccPropertiesTest {

    private static final String DIGITS = "0123456789";

    @Provide
    Arbitrary<String> prefixes() {
        Arbitrary<String> head = Arbitraries.strings().withChars(Uscc.ALPHABET.toCharArray()).ofLength(2);
        Arbitrary<String> division = Arbitraries.strings().withChars(DIGITS.toCharArray()).ofLength(6);
        Arbitrary<String> tail = Arbitraries.strings().withChars(Uscc.ALPHABET.toCharArray()).ofLength(9);
        return Combinators.combine(head, division, tail).as((h, d, t) -> h + d + t);
    }

    @Provide
    Arbitrary<String> codes() {
        return prefixes().map(p -> p + Uscc.checkCharacter(p));
    }

    @Property
    void prefixWithItsCheckCharacterIsValid(@ForAll("prefixes") String prefix) {
        String code = prefix + Uscc.checkCharacter(prefix);
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.withCheckCharacter(prefix).value()).isEqualTo(code);
        assertThat(Uscc.parse(code.toLowerCase()).value()).isEqualTo(code);
    }

    @Property
    void everySingleSubstitutionIsDetected(
            @ForAll("codes") String code,
            @ForAll @IntRange(min = 0, max = 17) int position,
            @ForAll @IntRange(min = 1, max = 30) int shift) {
        // stay inside the digits at 3..8 so that only the check character can catch the change
        String chars = position >= 2 && position <= 7 ? DIGITS : Uscc.ALPHABET;
        char original = code.charAt(position);
        char replacement = chars.charAt((chars.indexOf(original) + shift) % chars.length());
        Assume.that(replacement != original);
        String changed = replace(code, position, replacement);
        assertThat(checksumHolds(changed)).isFalse();
        assertThat(Uscc.isValid(changed)).isFalse();
    }

    @Property
    void everyAdjacentTranspositionIsDetected(
            @ForAll("codes") String code, @ForAll @IntRange(min = 0, max = 16) int position) {
        Assume.that(code.charAt(position) != code.charAt(position + 1));
        String swapped = swap(code, position, position + 1);
        assertThat(checksumHolds(swapped)).isFalse();
        assertThat(Uscc.isValid(swapped)).isFalse();
    }

    @Property
    void everyTranspositionExceptFirstWithLastIsDetected(
            @ForAll("codes") String code,
            @ForAll @IntRange(min = 0, max = 17) int i,
            @ForAll @IntRange(min = 0, max = 17) int j) {
        Assume.that(i < j && !(i == 0 && j == 17));
        Assume.that(code.charAt(i) != code.charAt(j));
        assertThat(checksumHolds(swap(code, i, j))).isFalse();
    }

    @Property
    void swappingFirstAndLastIsNeverDetected(@ForAll("codes") String code) {
        // documents the one blind spot: positions 1 and 18 both have weight 1
        assertThat(Uscc.isValid(swap(code, 0, 17))).isTrue();
    }

    @Property
    void findInFindsTheCodeBetweenDelimitedNoise(
            @ForAll("codes") String code, @ForAll String before, @ForAll String after) {
        Assume.that(Uscc.findIn(before).isEmpty() && Uscc.findIn(after).isEmpty());
        assertThat(Uscc.findIn(before + "=" + code + "," + after)).contains(new Uscc(code));
    }

    @Property
    void findInFindsTheCodeGluedToForeignCharacters(
            @ForAll("codes") String code,
            @ForAll("foreignNoise") String before,
            @ForAll("foreignNoise") String after) {
        assertThat(Uscc.findIn(before + code + after)).contains(new Uscc(code));
    }

    @Property
    void anExactRunBeatsAWindowInALongerRun(
            @ForAll("codes") String glued, @ForAll("codes") String exact, @ForAll("alphabetChar") char extra) {
        // "Q91..." may hold a chance-valid window at offset 0; the stand-alone code must win
        assertThat(Uscc.findIn(extra + glued + " " + exact)).contains(new Uscc(exact));
    }

    @Provide
    Arbitrary<String> foreignNoise() {
        // characters that can never be part of a USCC, even after uppercasing
        return Arbitraries.strings().withChars("IOSVZiosvz-_@#:=,. 中国深圳".toCharArray()).ofMaxLength(30);
    }

    @Provide
    Arbitrary<Character> alphabetChar() {
        return Arbitraries.of(Uscc.ALPHABET.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
    }

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
