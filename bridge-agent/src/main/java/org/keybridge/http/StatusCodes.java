package org.keybridge.http;

import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/**
 * The HTTP status for an error code (the map is documented in README, "Localhost bridge"). A switch without a default
 * on purpose: a new error code does not compile until someone decides its status.
 */
final class StatusCodes {
    private StatusCodes() {}

    static int of(KeyBridgeException e) {
        return e instanceof HttpError h ? h.status() : of(e.code());
    }

    static int of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case PIN_INCORRECT, PIN_CANCELLED, USER_TIMEOUT -> 401; // the user did not authenticate; asking again may work
            case ORIGIN_NOT_ALLOWED, PIN_LOCKED, PIN_EXPIRED -> 403; // asking again will not help
            case NO_TOKEN, NO_CERTIFICATE, NO_PRIVATE_KEY -> 404;
            case BUSY -> 409; // the token is in use by another operation (the rate limit answers 429 itself)
            case TOKEN_REMOVED -> 410;
            case CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID -> 422; // the request is fine, that certificate is not
            case MODULE_LOAD_FAILED, TOKEN_ERROR, PCSC_UNAVAILABLE, UNSUPPORTED_MECHANISM, NATIVE_UNAVAILABLE, VERSION_MISMATCH,
                 CONFIG_INVALID -> 500;
            // the agent never answers a request with these (they come from IT's commands); a server fault if it did
            case CATALOG_INVALID, CATALOG_VERSION_UNSUPPORTED, SIGNATURE_MISSING, SIGNATURE_INVALID, UPDATE_ROLLBACK,
                 BUNDLE_INVALID, BUNDLE_UNSAFE_PATH, DRIVER_TEST_FAILED, DRIVER_NOT_INSTALLED -> 500;
        };
    }
}
