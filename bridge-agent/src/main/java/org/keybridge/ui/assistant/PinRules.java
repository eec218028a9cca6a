package org.keybridge.ui.assistant;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the assistant checks before it sends a new PIN to the key: the two entries match, the token's length rules
 * (ulMinPinLen/ulMaxPinLen), and that the new PIN is not trivial — 123456 and its like are the first PINs anyone
 * tries on a lost key. Nothing here touches the key.
 */
public final class PinRules {
    /** Why a new PIN is refused; each has a message {@code pin.problem.<NAME>} in the assistant's texts. */
    public enum Problem { EMPTY, MISMATCH, TOO_SHORT, TOO_LONG, SAME_AS_OLD, ALL_SAME, SEQUENCE, COMMON }

    /** PINs seen first in every list of leaked and default PINs that are not caught by the rules below. */
    private static final String[] COMMON = {"123123", "112233", "121212", "147258", "159753", "520520", "5201314",
        "131420", "password", "000000000"};

    private final int min, max;

    /** {@code min}/{@code max} as the token reports them; 0 or absurd values fall back to 4..64. */
    public PinRules(long min, long max) {
        this.min = (int) (min > 0 && min < 256 ? min : 4);
        this.max = (int) (max >= this.min && max < 256 ? max : Math.max(64, this.min));
    }

    public int min() { return min; }

    public int max() { return max; }

    /** The first problem with this change, or empty when the new PIN may be sent to the key. */
    public Optional<Problem> check(char[] oldPin, char[] newPin, char[] confirm) {
        if (oldPin.length == 0 || newPin.length == 0) return Optional.of(Problem.EMPTY);
        if (!Arrays.equals(newPin, confirm)) return Optional.of(Problem.MISMATCH);
        if (newPin.length < min) return Optional.of(Problem.TOO_SHORT);
        if (newPin.length > max) return Optional.of(Problem.TOO_LONG);
        if (Arrays.equals(oldPin, newPin)) return Optional.of(Problem.SAME_AS_OLD);
        return trivial(newPin);
    }

    /** ALL_SAME (111111), SEQUENCE (123456, 654321, 234567, abcdef), COMMON (a short list); else empty. */
    static Optional<Problem> trivial(char[] pin) {
        boolean same = true, up = true, down = true;
        for (int i = 1; i < pin.length; i++) {
            int d = pin[i] - pin[i - 1];
            same &= d == 0;
            up &= d == 1 || (pin[i - 1] == '9' && pin[i] == '0'); // 7890 counts as a run
            down &= d == -1 || (pin[i - 1] == '0' && pin[i] == '9');
        }
        if (same) return Optional.of(Problem.ALL_SAME);
        if (up || down) return Optional.of(Problem.SEQUENCE);
        String s = new String(pin);
        for (String c : COMMON) {
            if (c.equalsIgnoreCase(s)) return Optional.of(Problem.COMMON);
        }
        return Optional.empty();
    }
}
