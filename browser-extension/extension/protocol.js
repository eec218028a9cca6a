// Messages the extension accepts from a page (through the content script).
// Web eID actions keep portals written for Web eID working; keybridge:* are our own.

export const ACTIONS = Object.freeze([
  'web-eid:status',
  'web-eid:authenticate',
  'web-eid:get-signing-certificate',
  'web-eid:sign',
  'keybridge:status',
  'keybridge:certificates',
  'keybridge:authenticate',
  'keybridge:bind-certificate',
]);

const KNOWN = new Set(ACTIONS);

/**
 * Checks the envelope of a request: a plain object with a known string `action`.
 * Returns {ok: true} or {ok: false, code: 'MISSING_PARAMETER' | 'BAD_REQUEST'}.
 */
export function validateRequest(msg) {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
    return { ok: false, code: 'BAD_REQUEST' };
  }
  // own property only: an inherited `action` must not smuggle a request through
  if (!Object.prototype.hasOwnProperty.call(msg, 'action') || msg.action === undefined || msg.action === null) {
    return { ok: false, code: 'MISSING_PARAMETER' };
  }
  if (typeof msg.action !== 'string' || !KNOWN.has(msg.action)) {
    return { ok: false, code: 'BAD_REQUEST' };
  }
  return { ok: true };
}

/** The acknowledgement a page receives once a request was accepted, as in Web eID. */
export function ackFor(action) {
  return { action: action + '-ack' };
}
