package org.keybridge.uscc;

import java.util.Optional;

/**
 * A Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters, position 18 a
 * mod-31 check character over positions 1..17.
 *
 * <p>Validation covers length, alphabet, the digits of the administrative division (positions
 * 3..8) and the position-18 check. The GB 11714 organization code check at position 17 is kept
 * apart in {@link #organizationCodeValid()}: codes of some registration authorities do not embed a
 * GB 11714 code, so failing it must not make a code unusable.
 */
public record Uscc(String value) {

    public static final int LENGTH = 18;

    /** GB 32100 alphabet: digits and capital letters without I, O, S, V, Z. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int MODULUS = ALPHABET.length(); // 31, a prime

    /** 3^(i-1) mod 31 for positions 1..17. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    public Uscc {
        if (value == null) {
            throw new IllegalArgumentException("USCC is missing");
        }
        requireWellFormedPrefix(value, LENGTH);
        char expected = checkCharacterOf(value);
        char actual = value.charAt(LENGTH - 1);
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "USCC check character (position 18) is '" + actual + "', expected '" + expected + "'");
        }
    }

    /** Trims and uppercases {@code s}, then validates it. */
    public static Uscc parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("USCC is missing");
        }
        return new Uscc(normalize(s));
    }

    /** True exactly when {@link #parse} would accept {@code s}. */
    public static boolean isValid(String s) {
        if (s == null) {
            return false;
        }
        String n = normalize(s);
        return n.length() == LENGTH && problemIn(n, LENGTH) == null && checkCharacterOf(n) == n.charAt(LENGTH - 1);
    }

    /** The position-18 check character for the first 17 characters (alphabet only, any case). */
    public static char checkCharacter(String first17) {
        if (first17 == null) {
            throw new IllegalArgumentException("USCC prefix is missing");
        }
        String n = normalize(first17);
        if (n.length() != LENGTH - 1) {
            throw new IllegalArgumentException(
                    "USCC prefix must have 17 characters, has " + n.length());
        }
        for (int i = 0; i < n.length(); i++) {
            requireInAlphabet(n, i);
        }
        return checkCharacterOf(n);
    }

    /** Appends the check character to a well-formed 17-character prefix. */
    public static Uscc withCheckCharacter(String first17) {
        if (first17 == null) {
            throw new IllegalArgumentException("USCC prefix is missing");
        }
        String n = normalize(first17);
        requireWellFormedPrefix(n, LENGTH - 1);
        return new Uscc(n + checkCharacterOf(n));
    }

    /**
     * The GB 11714 check character for an 8-character organization code body (digits and
     * capital letters, A=10 .. Z=35): '0'..'9' or 'X'.
     */
    public static char organizationCodeCheckCharacter(String body8) {
        if (body8 == null || body8.length() != 8) {
            throw new IllegalArgumentException("organization code body must have 8 characters");
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            // ASCII only: Character.digit would also accept e.g. full-width digits
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
            if (v < 0) {
                throw new IllegalArgumentException(
                        "organization code character " + (i + 1) + " '" + c + "' is not a digit or capital letter");
            }
            sum += v * ORGANIZATION_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    /**
     * The first valid USCC in {@code text}, e.g. an X.500 attribute value such as
     * "N91110108...@1". An alphanumeric run of exactly 18 characters wins over a window inside a
     * longer run, so that a prefix or suffix glued to a code rarely yields a chance match.
     */
    public static Optional<Uscc> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = asciiUpper(text);
        Optional<Uscc> exact = exactRun(upper);
        return exact.isPresent() ? exact : anyWindow(upper);
    }

    /** Positions 3..8: the GB/T 2260 administrative division code, e.g. "440300". */
    public String administrativeDivision() {
        return value.substring(2, 8);
    }

    /** Positions 9..17: the organization code including its own check character. */
    public String organizationCode() {
        return value.substring(8, 17);
    }

    /** Whether positions 9..17 carry a correct GB 11714 check character at position 17. */
    public boolean organizationCodeValid() {
        return organizationCodeCheckCharacter(value.substring(8, 16)) == value.charAt(16);
    }

    @Override
    public String toString() {
        return value;
    }

    private static Optional<Uscc> exactRun(String upper) {
        int start = 0;
        while (start < upper.length()) {
            int end = start;
            while (end < upper.length() && isAsciiAlnum(upper.charAt(end))) {
                end++;
            }
            if (end - start == LENGTH && isValid(upper.substring(start, end))) {
                return Optional.of(new Uscc(upper.substring(start, end)));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private static Optional<Uscc> anyWindow(String upper) {
        for (int i = 0; i + LENGTH <= upper.length(); i++) {
            String window = upper.substring(i, i + LENGTH);
            if (isValid(window)) {
                return Optional.of(new Uscc(window));
            }
        }
        return Optional.empty();
    }

    private static char checkCharacterOf(String s) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += ALPHABET.indexOf(s.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((MODULUS - sum % MODULUS) % MODULUS);
    }

    private static void requireWellFormedPrefix(String s, int length) {
        String problem = problemIn(s, length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The first failed rule of length, alphabet and division digits, or null. */
    private static String problemIn(String s, int length) {
        if (s.length() != length) {
            return "USCC must have " + length + " characters, has " + s.length();
        }
        for (int i = 0; i < length; i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return alphabetProblem(s, i);
            }
        }
        for (int i = 2; i < 8; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return "USCC position " + (i + 1) + " '" + s.charAt(i)
                        + "' must be a digit (positions 3-8 are the administrative division code)";
            }
        }
        return null;
    }

    private static void requireInAlphabet(String s, int i) {
        if (ALPHABET.indexOf(s.charAt(i)) < 0) {
            throw new IllegalArgumentException(alphabetProblem(s, i));
        }
    }

    private static String alphabetProblem(String s, int i) {
        return "USCC position " + (i + 1) + " '" + s.charAt(i)
                + "' is not in the GB 32100 alphabet (digits and A-Y without I, O, S, V, Z)";
    }

    private static String normalize(String s) {
        return asciiUpper(s.strip());
    }

    /** Uppercases only a-z, so that the string keeps its length and indexes. */
    private static String asciiUpper(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
}
