// KeyBridge portal client: an ES module without dependencies, served to portal pages as is.
//
//   import * as keybridge from '/keybridge.js';
//   const token = await keybridge.authenticate(nonce, { lang: 'zh-CN' });
//
// It reaches the agent through the KeyBridge browser extension (window.postMessage, keybridge:* actions) when the
// extension's content script marks the page, else through the localhost bridge (HTTP on 127.0.0.1). The origin is
// never sent by this module: the extension and the agent take it from the browser.

/** The error codes shared with the agent (README "Error codes"; org.keybridge.error.ErrorCode). */
export const ERROR_CODES = Object.freeze([
  'NO_TOKEN', 'TOKEN_REMOVED', 'MODULE_LOAD_FAILED', 'TOKEN_ERROR', 'PCSC_UNAVAILABLE',
  'PIN_INCORRECT', 'PIN_LOCKED', 'PIN_CANCELLED', 'PIN_EXPIRED', 'PIN_INVALID',
  'NO_CERTIFICATE', 'NO_PRIVATE_KEY', 'CERTIFICATE_EXPIRED', 'CERTIFICATE_NOT_YET_VALID', 'UNSUPPORTED_MECHANISM',
  'ORIGIN_NOT_ALLOWED', 'BAD_REQUEST', 'BUSY', 'USER_TIMEOUT', 'NATIVE_UNAVAILABLE', 'VERSION_MISMATCH',
  'CONFIG_INVALID',
  'CATALOG_INVALID', 'CATALOG_VERSION_UNSUPPORTED', 'SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'UPDATE_ROLLBACK',
  'BUNDLE_INVALID', 'BUNDLE_UNSAFE_PATH', 'DRIVER_TEST_FAILED', 'DRIVER_NOT_INSTALLED',
]);

/** The agent's documented default bridge port (`serve`, `bridgePort`). */
export const DEFAULT_PORT = 24981;

/** Time limits in milliseconds, as in Web eID: the extension's ack, the agent's answer, a user's PIN entry. */
export const DEFAULT_TIMEOUTS = Object.freeze({ ack: 1000, handshake: 5000, userInteraction: 120000 });

/** The attribute the extension's content script sets on <html> (its version) before any page script runs. */
export const EXTENSION_MARK = 'data-keybridge-extension';

/**
 * A failed call: `code` is one of ERROR_CODES (act on it), `message` is for the user (in the requested language
 * when the agent wrote it); `details` holds what the agent added (`certificate` for CERTIFICATE_EXPIRED,
 * `pinState`, `detail`), and `transport` which path was used.
 */
export class KeyBridgeError extends Error {
  constructor(code, message, details = {}) {
    super(message || code);
    this.name = 'KeyBridgeError';
    this.code = ERROR_CODES.includes(code) ? code : 'TOKEN_ERROR';
    if (this.code !== code) this.originalCode = code;
    Object.assign(this, details);
  }
}

const INTERACTIVE = new Set(['authenticate', 'bind-certificate']);

function errorFrom(body, transport) {
  const e = body && typeof body === 'object' ? body.error : null;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') {
    return new KeyBridgeError('TOKEN_ERROR', 'the agent sent a malformed answer', { transport });
  }
  const { code, message, ...rest } = e;
  return new KeyBridgeError(code, message, { ...rest, transport });
}

function timeoutFor(command, timeouts, options) {
  if (!INTERACTIVE.has(command)) return timeouts.handshake;
  const user = Number.isFinite(options?.userInteractionTimeout) ? options.userInteractionTimeout : timeouts.userInteraction;
  return timeouts.handshake + user;
}

function timeoutError(command, ms, transport) {
  return INTERACTIVE.has(command)
    ? new KeyBridgeError('USER_TIMEOUT', `no answer from the user within ${Math.round(ms / 1000)} s`, { transport })
    : new KeyBridgeError('NATIVE_UNAVAILABLE', `the KeyBridge agent did not answer within ${Math.round(ms / 1000)} s`,
      { transport });
}

/** Page ⇄ content script, keybridge:* actions matched by action name and requestId. */
class ExtensionTransport {
  constructor(win, timeouts) {
    this.win = win;
    this.timeouts = timeouts;
    this.seq = 0;
    this.pending = new Map(); // action → handler
    this.listeners = new Set();
    this.eventsRequested = null;
    this.onMessage = (ev) => this.receive(ev);
    win.addEventListener('message', this.onMessage);
  }

  receive(ev) {
    if (ev.source !== this.win) return;
    const m = ev.data;
    if (!m || typeof m !== 'object' || typeof m.action !== 'string') return;
    if (m.action === 'keybridge:event') {
      const { action, ...event } = m;
      for (const fn of [...this.listeners]) fn({ type: event.event, ...event });
      return;
    }
    const match = /^(keybridge:[a-z-]+?)-(ack|success|failure)$/.exec(m.action);
    if (!match) return;
    const h = this.pending.get(match[1]);
    if (h && h.requestId === m.requestId) h[match[2]](m);
  }

  call(command, args = {}, options = {}) {
    const action = `keybridge:${command}`;
    if (this.pending.has(action)) {
      return Promise.reject(new KeyBridgeError('BUSY', `a ${command} request is already pending on this page`,
        { transport: 'extension' }));
    }
    const requestId = `kb-${Date.now().toString(36)}-${++this.seq}`;
    return new Promise((resolve, reject) => {
      let timer;
      const done = (fn, value) => {
        clearTimeout(timer);
        this.pending.delete(action);
        fn(value);
      };
      const limit = timeoutFor(command, this.timeouts, options);
      this.pending.set(action, {
        requestId,
        ack: () => {
          clearTimeout(timer);
          timer = setTimeout(() => done(reject, timeoutError(command, limit, 'extension')), limit);
        },
        success: (m) => {
          const { action: _a, requestId: _r, ...result } = m;
          done(resolve, result);
        },
        failure: (m) => done(reject, errorFrom(m, 'extension')),
      });
      timer = setTimeout(() => done(reject, new KeyBridgeError('NATIVE_UNAVAILABLE',
        'the KeyBridge extension did not acknowledge the request within 1 s', { transport: 'extension', noAck: true })),
      this.timeouts.ack);
      const origin = this.win.location?.origin;
      this.win.postMessage({ action, requestId, ...args, options }, origin && origin !== 'null' ? origin : '*');
    });
  }

  subscribe(fn) {
    this.listeners.add(fn);
    if (!this.eventsRequested) {
      // a failed subscription is told to the listeners (no unhandled rejection); the next onEvent tries again
      this.eventsRequested = this.call('events').catch((e) => {
        this.eventsRequested = null;
        for (const f of [...this.listeners]) f({ type: 'error', code: e.code, message: e.message });
      });
    }
    return () => this.listeners.delete(fn);
  }
}

/** Page → localhost bridge: POST /v1/<command>, events as Server-Sent Events read over fetch. */
class BridgeTransport {
  constructor(base, fetchFn, timeouts) {
    this.base = base;
    this.fetch = fetchFn;
    this.timeouts = timeouts;
    this.listeners = new Set();
    this.stream = null;
  }

  unreachable(e) {
    return new KeyBridgeError('NATIVE_UNAVAILABLE',
      `the KeyBridge agent is not reachable at ${this.base} (not running, or the browser blocked the request to the `
      + `local network): ${e?.message || e}`, { transport: 'bridge' });
  }

  async call(command, args = {}, options = {}) {
    const limit = timeoutFor(command, this.timeouts, options);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limit);
    const body = { ...args };
    if (options.lang) body.lang = options.lang;
    if (options.certificateId && command === 'authenticate') body.certificateId = options.certificateId;
    let response;
    let json;
    try {
      response = await this.fetch(`${this.base}/v1/${command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-KeyBridge': '1' },
        body: JSON.stringify(body),
        signal: abort.signal,
      });
      json = await response.json();
    } catch (e) {
      if (abort.signal.aborted) throw timeoutError(command, limit, 'bridge');
      if (response) throw new KeyBridgeError('TOKEN_ERROR', `the agent sent a malformed answer (HTTP ${response.status})`, { transport: 'bridge' });
      throw this.unreachable(e);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) throw errorFrom(json, 'bridge');
    return json;
  }

  subscribe(fn) {
    this.listeners.add(fn);
    if (!this.stream) this.openStream();
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.stream) {
        this.stream.abort();
        this.stream = null;
      }
    };
  }

  openStream() {
    const abort = new AbortController();
    this.stream = abort;
    const retry = () => {
      if (this.stream === abort) setTimeout(() => { if (this.stream === abort) this.openStream(); }, 3000);
    };
    // a stream that ends or breaks is opened again after 3 s (as EventSource does); a refused one is not
    this.readStream(abort).then((refused) => {
      if (!refused) retry();
      else if (this.stream === abort) this.stream = null;
    }, retry);
  }

  async readStream(abort) {
    const response = await this.fetch(`${this.base}/v1/events`, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) {
      // a refusal (ORIGIN_NOT_ALLOWED, BUSY) is told to the listeners, and not tried again
      const e = errorFrom(await response.json().catch(() => null), 'bridge');
      for (const f of [...this.listeners]) f({ type: 'error', code: e.code, message: e.message });
      return true;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        this.dispatch(parseSse(block));
      }
    }
  }

  dispatch(ev) {
    if (!ev || !ev.type || ev.type === 'message') return;
    let data = {};
    try { data = ev.data ? JSON.parse(ev.data) : {}; } catch { return; }
    for (const fn of [...this.listeners]) fn({ type: ev.type, ...data });
  }
}

/** One Server-Sent Events block → {type, data}; comments and retry lines are dropped. */
export function parseSse(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  return data.length || type !== 'message' ? { type, data: data.join('\n') } : null;
}

/**
 * A client. Options: `transport` 'auto' (default: the extension when its content script marked the page, else the
 * bridge; on NATIVE_UNAVAILABLE from the extension the bridge is tried once), 'extension' or 'bridge';
 * `port` (bridge port, default 24981) or `bridgeUrl`; `timeouts` {ack, handshake, userInteraction} in ms;
 * `window`, `fetch` for tests and embedding.
 */
export function createClient(options = {}) {
  const win = options.window ?? globalThis.window;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...(options.timeouts || {}) };
  const base = (options.bridgeUrl ?? `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((...a) => globalThis.fetch(...a));
  const mode = options.transport ?? 'auto';
  if (!['auto', 'extension', 'bridge'].includes(mode)) throw new TypeError(`unknown transport '${mode}'`);

  let extension = null;
  let bridge = null;
  const ext = () => {
    if (!win) throw new KeyBridgeError('NATIVE_UNAVAILABLE', 'no window to reach the extension from', { transport: 'extension' });
    return (extension ??= new ExtensionTransport(win, timeouts));
  };
  const br = () => (bridge ??= new BridgeTransport(base, fetchFn, timeouts));
  const marked = () => Boolean(win?.document?.documentElement?.getAttribute?.(EXTENSION_MARK));
  const pick = () => (mode === 'bridge' || (mode === 'auto' && !marked()) ? 'bridge' : 'extension');

  async function call(command, args, opts) {
    const chosen = pick();
    if (chosen === 'bridge') return br().call(command, args, opts);
    try {
      return await ext().call(command, args, opts);
    } catch (e) {
      if (mode !== 'auto' || e.code !== 'NATIVE_UNAVAILABLE') throw e;
      try {
        return await br().call(command, args, opts);
      } catch (bridgeError) {
        if (bridgeError.code === 'NATIVE_UNAVAILABLE') throw e; // the extension's message says how to install
        throw bridgeError;
      }
    }
  }

  const nonceArgs = (nonce) => {
    if (typeof nonce !== 'string' || !/^[A-Za-z0-9+/=_-]{44,128}$/.test(nonce)) {
      throw new KeyBridgeError('BAD_REQUEST', 'the challenge nonce must be 44–128 characters of base64');
    }
    return { challengeNonce: nonce };
  };

  return {
    /** Which path calls take now: 'extension' or 'bridge'. */
    transport: pick,
    /** {version, protocol, tokens, modules, transport}. */
    async status(opts = {}) {
      return { ...(await call('status', {}, opts)), transport: pick() };
    },
    /** The login token {unverifiedCertificate, algorithm, signature, format, appVersion} over H(origin)‖H(nonce). */
    async authenticate(nonce, opts = {}) {
      return call('authenticate', nonceArgs(nonce), opts);
    },
    /** The certificates on the inserted keys (nothing secret): an array. */
    async certificates(opts = {}) {
      return (await call('certificates', {}, opts)).certificates;
    },
    /** A token, like authenticate, for the certificate the user picks to bind to the account. */
    async bindCertificate(nonce, opts = {}) {
      return call('bind-certificate', nonceArgs(nonce), opts);
    },
    /** fn({type: 'token-inserted'|'token-removed'|'certificate-expiring', …}); returns the unsubscribe function. */
    onEvent(fn) {
      if (typeof fn !== 'function') throw new TypeError('onEvent needs a function');
      return pick() === 'bridge' ? br().subscribe(fn) : ext().subscribe(fn);
    },
  };
}

let shared = null;
const client = () => (shared ??= createClient());

/** Sets the options of the module-level functions below (see createClient); call before the first of them. */
export function configure(options) {
  shared = createClient(options);
  return shared;
}

export const status = (opts) => client().status(opts);
export const authenticate = (nonce, opts) => client().authenticate(nonce, opts);
export const certificates = (opts) => client().certificates(opts);
export const bindCertificate = (nonce, opts) => client().bindCertificate(nonce, opts);
export const onEvent = (fn) => client().onEvent(fn);
