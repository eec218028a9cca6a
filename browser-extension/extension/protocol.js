// The page protocol: what a page may ask (window.postMessage, through the content script), how it maps onto the
// agent's native-messaging commands, and the page's replies. Web eID actions keep pages written for Web eID working
// (their codes are Web eID's); keybridge:* actions are our own (their codes are KeyBridge's).
import { MAX_ARGUMENT } from './config.js';

export const WEB_EID_ACTIONS = Object.freeze([
  'web-eid:status',
  'web-eid:authenticate',
  'web-eid:get-signing-certificate',
  'web-eid:sign',
]);

export const KEYBRIDGE_ACTIONS = Object.freeze([
  'keybridge:status',
  'keybridge:certificates',
  'keybridge:authenticate',
  'keybridge:bind-certificate',
  'keybridge:events',
]);

export const ACTIONS = Object.freeze([...WEB_EID_ACTIONS, ...KEYBRIDGE_ACTIONS]);

const KNOWN = new Set(ACTIONS);

/** The five fields web-eid.js copies from web-eid:authenticate-success (anything else it drops). */
export const TOKEN_FIELDS = Object.freeze(['unverifiedCertificate', 'algorithm', 'signature', 'format', 'appVersion']);

/** Web eID's code for each KeyBridge code; codes not listed become ERR_WEBEID_NATIVE_FATAL. */
export const WEB_EID_CODES = Object.freeze({
  PIN_CANCELLED: 'ERR_WEBEID_USER_CANCELLED',
  USER_TIMEOUT: 'ERR_WEBEID_USER_TIMEOUT',
  NATIVE_UNAVAILABLE: 'ERR_WEBEID_NATIVE_UNAVAILABLE',
  VERSION_MISMATCH: 'ERR_WEBEID_VERSION_MISMATCH',
  BAD_REQUEST: 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT',
  BUSY: 'ERR_WEBEID_ACTION_PENDING',
});

export const isWebEid = (action) => action.startsWith('web-eid:');
export const isInteractive = (command) => command === 'authenticate' || command === 'bind-certificate';

/**
 * A failure made by the extension or reported by the agent. `code` is a KeyBridge code; `webEidCode` overrides the
 * mapping where Web eID has a closer one (CONTEXT_INSECURE, MISSING_PARAMETER); `key`/`args` name an extension
 * message (localized when the reply is made) unless the agent's `message` is given.
 */
export class ProtocolError extends Error {
  constructor(code, { key, args = [], message, webEidCode, details = {} } = {}) {
    super(message ?? key ?? code);
    this.code = code;
    this.key = message === undefined ? key : undefined;
    this.args = args;
    this.webEidCode = webEidCode;
    this.details = details;
  }

  /** The agent's {code, message, detail?, certificate?, pinState?}. */
  static fromAgent(error) {
    const { code, message, ...details } = error && typeof error === 'object' ? error : {};
    return new ProtocolError(typeof code === 'string' ? code : 'TOKEN_ERROR',
      { message: typeof message === 'string' ? message : 'the agent sent a malformed error', details });
  }
}

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

/** The acknowledgement a page receives once a request was accepted, as in Web eID (requestId echoed if given). */
export function ackFor(action, requestId) {
  return requestId === undefined ? { action: action + '-ack' } : { action: action + '-ack', requestId };
}

/** The request's options object, or {} (Web eID pages may leave it out). */
export function optionsOf(msg) {
  return msg.options && typeof msg.options === 'object' && !Array.isArray(msg.options) ? msg.options : {};
}

/** The language a request asks for (options.lang), else `fallback`. */
export function langOf(msg, fallback) {
  const lang = optionsOf(msg).lang;
  return typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : fallback;
}

function stringArgument(msg, source, name, required) {
  const value = source[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new ProtocolError('BAD_REQUEST', { key: 'missing', args: [name], webEidCode: 'ERR_WEBEID_MISSING_PARAMETER' });
    return undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_ARGUMENT) {
    throw new ProtocolError('BAD_REQUEST', { key: 'invalid', args: [`${name} must be a string of at most ${MAX_ARGUMENT} characters`] });
  }
  return value;
}

/**
 * The native-messaging request for a page message: {command, arguments}. Arguments are picked by name from the
 * message (never an `origin`: the service worker adds the one the browser reported). Throws ProtocolError.
 */
export function nativeRequest(msg) {
  const options = optionsOf(msg);
  const args = {};
  const put = (name, value) => { if (value !== undefined) args[name] = value; };
  const lang = langOf(msg, undefined);
  switch (msg.action) {
    case 'web-eid:status':
    case 'keybridge:status':
      return { command: 'status', arguments: args };
    case 'keybridge:events':
      return { command: 'events', arguments: args };
    case 'keybridge:certificates':
      put('lang', lang);
      return { command: 'certificates', arguments: args };
    case 'web-eid:authenticate':
    case 'keybridge:authenticate':
      put('challengeNonce', stringArgument(msg, msg, 'challengeNonce', true));
      if (msg.action === 'keybridge:authenticate') put('certificateId', stringArgument(msg, options, 'certificateId', false));
      put('lang', lang);
      return { command: 'authenticate', arguments: args };
    case 'keybridge:bind-certificate':
      put('challengeNonce', stringArgument(msg, msg, 'challengeNonce', true));
      put('lang', lang);
      return { command: 'bind-certificate', arguments: args };
    case 'web-eid:get-signing-certificate':
    case 'web-eid:sign':
      // the agent signs logins over H(origin)‖H(nonce) only, never a hash the page chose
      throw new ProtocolError('BAD_REQUEST', { key: 'noSigning', webEidCode: 'ERR_WEBEID_NATIVE_FATAL' });
    default:
      throw new ProtocolError('BAD_REQUEST', { key: 'invalid', args: [`unknown action ${msg.action}`] });
  }
}

/** The user timeout of a request in ms: options.userInteractionTimeout when it is a sane number, else `fallback`. */
export function userTimeoutOf(msg, fallback) {
  const t = optionsOf(msg).userInteractionTimeout;
  return Number.isFinite(t) && t > 0 && t <= 24 * 3600 * 1000 ? t : fallback;
}

/**
 * The page's success reply: fields at the top level beside `action`. `versions` = {extension, agent} for status.
 */
export function successReply(msg, result, versions) {
  const action = `${msg.action}-success`;
  switch (msg.action) {
    case 'web-eid:status':
      return { action, library: msg.libraryVersion, extension: versions.extension, nativeApp: versions.agent };
    case 'web-eid:authenticate': {
      const reply = { action };
      for (const f of TOKEN_FIELDS) reply[f] = result?.[f];
      return reply;
    }
    default: {
      const reply = { ...(result && typeof result === 'object' ? result : {}) };
      if (msg.action === 'keybridge:status') reply.extension = versions.extension;
      reply.action = action;
      if (msg.requestId !== undefined) reply.requestId = msg.requestId;
      return reply;
    }
  }
}

/** The page's failure reply {action: "<action>-failure", error: {code, message, …}}; `text(key, args)` localizes. */
export function failureReply(msg, error, text) {
  const e = error instanceof ProtocolError ? error : new ProtocolError('TOKEN_ERROR', { message: String(error?.message || error) });
  const message = e.key ? text(e.key, e.args) : e.message;
  const action = `${msg.action}-failure`;
  if (isWebEid(msg.action)) {
    const code = e.webEidCode ?? WEB_EID_CODES[e.code] ?? 'ERR_WEBEID_NATIVE_FATAL';
    const out = { code, message };
    if (e.details.requiresUpdate) out.requiresUpdate = e.details.requiresUpdate;
    return { action, error: out };
  }
  const reply = { action, error: { ...e.details, code: e.code, message } };
  if (msg.requestId !== undefined) reply.requestId = msg.requestId;
  return reply;
}

/** A pushed agent event {event, …} as the page sees it. */
export function eventMessage(frame) {
  return { ...frame, action: 'keybridge:event' };
}
