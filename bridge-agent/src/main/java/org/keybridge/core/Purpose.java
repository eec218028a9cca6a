package org.keybridge.core;

/** Why a signature is asked for; the dialog says it to the user. */
public enum Purpose {
    /** Log in to the portal at the origin. */
    LOGIN,
    /** Bind this key to the account at the origin (the "update certificate" step of the rebind flow). */
    BIND
}
