package org.keybridge.http;

import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/**
 * A refusal by the HTTP transport's own checks (Host, method, headers, body, rate): the error code of the shared list
 * plus the HTTP status that says more precisely what was wrong (405, 413, 415 …). Refusals from the core carry no
 * status of their own; {@link StatusCodes} maps them.
 */
final class HttpError extends KeyBridgeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, ErrorCode code, String detail) {
        super(code, detail);
        this.status = status;
    }

    int status() { return status; }
}
