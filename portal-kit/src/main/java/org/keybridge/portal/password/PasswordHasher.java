package org.keybridge.portal.password;

/** Turns a password into a self-describing hash string and checks a password against one. */
public interface PasswordHasher {
    String hash(CharSequence password);

    /** True when {@code password} matches {@code encoded}; false for a wrong password or an unreadable hash. */
    boolean verify(String encoded, CharSequence password);

    /** True when {@code encoded} was made with other parameters than this hasher's: rehash at the next login. */
    boolean needsRehash(String encoded);
}
