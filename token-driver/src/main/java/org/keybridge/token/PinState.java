package org.keybridge.token;

import java.util.EnumSet;
import java.util.Set;
import org.keybridge.pkcs11.CK;

/** The user-PIN state of a token, read from its CK_TOKEN_INFO flags. */
public record PinState(Set<PinFlag> flags) {
    public PinState {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static PinState fromTokenFlags(long tokenFlags) {
        EnumSet<PinFlag> s = EnumSet.noneOf(PinFlag.class);
        if ((tokenFlags & CK.CKF_USER_PIN_COUNT_LOW) != 0) s.add(PinFlag.COUNT_LOW);
        if ((tokenFlags & CK.CKF_USER_PIN_FINAL_TRY) != 0) s.add(PinFlag.FINAL_TRY);
        if ((tokenFlags & CK.CKF_USER_PIN_LOCKED) != 0) s.add(PinFlag.LOCKED);
        if ((tokenFlags & CK.CKF_USER_PIN_TO_BE_CHANGED) != 0) s.add(PinFlag.TO_BE_CHANGED);
        return new PinState(s);
    }

    public boolean locked() { return flags.contains(PinFlag.LOCKED); }

    public boolean finalTry() { return flags.contains(PinFlag.FINAL_TRY); }

    public boolean countLow() { return flags.contains(PinFlag.COUNT_LOW); }

    /** Flags in declaration order, for stable output. */
    public java.util.List<PinFlag> ordered() {
        return flags.isEmpty() ? java.util.List.of() : java.util.List.copyOf(EnumSet.copyOf(flags));
    }
}
