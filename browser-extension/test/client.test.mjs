// The portal client: both transports, errors, timeouts, events. The extension side is played by a stand-in content
// script on an EventTarget window (named as such); the bridge side by a real HTTP server on loopback speaking the
// bridge protocol. client-agent.test.mjs runs the client against the real agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import {
  ERROR_CODES, DEFAULT_PORT, DEFAULT_TIMEOUTS, EXTENSION_MARK, KeyBridgeError, createClient, parseSse,
} from '../client/keybridge.js';

const NONCE = 'q'.repeat(43) + '=';

/** A window stand-in: postMessage delivers to the page's own listeners with source = this window, like a browser. */
function fakeWindow({ marked = true } = {}) {
  const win = new EventTarget();
  win.location = { origin: 'https://portal.example' };
  win.posted = [];
  win.document = { documentElement: { getAttribute: (n) => (marked && n === EXTENSION_MARK ? '0.1.0' : null) } };
  win.deliver = (data, source = win) => {
    const ev = new Event('message');
    Object.defineProperties(ev, { data: { value: data }, source: { value: source } });
    win.dispatchEvent(ev);
  };
  win.postMessage = (data, targetOrigin) => {
    win.posted.push({ data, targetOrigin });
    queueMicrotask(() => win.deliver(data));
  };
  return win;
}

/** A stand-in content script: answers keybridge:* requests on the fake window with `reply(request)`. */
function standInExtension(win, reply, { ack = true } = {}) {
  win.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m?.action?.startsWith('keybridge:') || /-(ack|success|failure)$/.test(m.action) || m.action === 'keybridge:event') return;
    if (ack) win.deliver({ action: `${m.action}-ack`, requestId: m.requestId });
    const answer = reply(m);
    if (answer) setTimeout(() => win.deliver({ requestId: m.requestId, ...answer }), answer.delay ?? 0);
  });
}

/** A loopback HTTP server speaking the bridge protocol with `handler(path, body, req, res)`; returns {url, requests, close}. */
async function bridgeServer(handler) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    requests.push({ method: req.method, path: req.url, headers: req.headers, body: body ? JSON.parse(body) : null });
    const answer = await handler(req.url, body ? JSON.parse(body) : null, req, res);
    if (answer === undefined) return; // the handler answers itself
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

test('the error codes are exactly the Java ErrorCode enum, in order', async () => {
  const java = await readFile(new URL('../../token-driver/src/main/java/org/keybridge/error/ErrorCode.java', import.meta.url), 'utf8');
  const body = java.slice(java.indexOf('enum ErrorCode {') + 16, java.indexOf(';', java.indexOf('enum ErrorCode {')));
  const names = body.replace(/\/\/.*$/gm, '').split(',').map((s) => s.trim()).filter(Boolean);
  assert.deepEqual([...ERROR_CODES], names);
});

test('defaults: bridge port 24981, timeouts 1 s / 5 s / 120 s', () => {
  assert.equal(DEFAULT_PORT, 24981);
  assert.deepEqual({ ...DEFAULT_TIMEOUTS }, { ack: 1000, handshake: 5000, userInteraction: 120000 });
});

test('KeyBridgeError carries code, message and the agent details; unknown codes become TOKEN_ERROR', () => {
  const e = new KeyBridgeError('CERTIFICATE_EXPIRED', '证书已过期', { certificate: { id: 'ab' } });
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'CERTIFICATE_EXPIRED');
  assert.equal(e.message, '证书已过期');
  assert.deepEqual(e.certificate, { id: 'ab' });
  const odd = new KeyBridgeError('SOMETHING_NEW', 'x');
  assert.equal(odd.code, 'TOKEN_ERROR');
  assert.equal(odd.originalCode, 'SOMETHING_NEW');
});

test('a marked page goes through the extension; the request carries no origin and targets the page origin', async () => {
  const win = fakeWindow();
  standInExtension(win, (m) => ({ action: `${m.action}-success`, unverifiedCertificate: 'MIIB', algorithm: 'ES256', signature: 'c2ln', format: 'web-eid:1.0', appVersion: '0.1.0' }));
  const client = createClient({ window: win, fetch: () => assert.fail('the bridge must not be used') });
  assert.equal(client.transport(), 'extension');
  const token = await client.authenticate(NONCE, { lang: 'zh-CN' });
  assert.deepEqual(token, { unverifiedCertificate: 'MIIB', algorithm: 'ES256', signature: 'c2ln', format: 'web-eid:1.0', appVersion: '0.1.0' });
  const sent = win.posted.find((p) => p.data.action === 'keybridge:authenticate');
  assert.equal(sent.targetOrigin, 'https://portal.example');
  assert.equal(sent.data.challengeNonce, NONCE);
  assert.deepEqual(sent.data.options, { lang: 'zh-CN' });
  assert.equal('origin' in sent.data, false);
  assert.match(sent.data.requestId, /^kb-/);
});

test('replies for another requestId or from another window are ignored', async () => {
  const win = fakeWindow();
  const other = new EventTarget();
  standInExtension(win, (m) => {
    win.deliver({ action: `${m.action}-success`, requestId: 'someone-else', certificates: ['wrong'] });
    win.deliver({ action: `${m.action}-success`, requestId: m.requestId, certificates: ['forged'] }, other);
    return { action: `${m.action}-success`, certificates: [{ id: 'right' }], delay: 10 };
  });
  const client = createClient({ window: win });
  assert.deepEqual(await client.certificates(), [{ id: 'right' }]);
});

test('a failure reply becomes a KeyBridgeError with the agent code, message and details', async () => {
  const win = fakeWindow();
  standInExtension(win, (m) => ({ action: `${m.action}-failure`, error: { code: 'CERTIFICATE_EXPIRED', message: 'expired', certificate: { id: 'c1' } } }));
  const client = createClient({ window: win });
  await assert.rejects(client.authenticate(NONCE), (e) => e instanceof KeyBridgeError && e.code === 'CERTIFICATE_EXPIRED'
    && e.message === 'expired' && e.certificate.id === 'c1' && e.transport === 'extension');
});

test('a second request of the same kind while one is pending is BUSY; other kinds go through', async () => {
  const win = fakeWindow();
  standInExtension(win, (m) => ({ action: `${m.action}-success`, ...(m.action === 'keybridge:status' ? { version: '0.1.0' } : { certificates: [] }), delay: 50 }));
  const client = createClient({ window: win });
  const first = client.status();
  await assert.rejects(client.status(), (e) => e.code === 'BUSY');
  assert.deepEqual(await client.certificates(), []);
  assert.equal((await first).version, '0.1.0');
  assert.equal((await client.status()).transport, 'extension');
});

test('no ack within the ack timeout: auto mode falls back to the bridge', async () => {
  const server = await bridgeServer(() => ({ body: { version: '0.1.0', protocol: 1, tokens: [], modules: [] } }));
  try {
    const win = fakeWindow();
    standInExtension(win, () => null, { ack: false });
    const client = createClient({ window: win, bridgeUrl: server.url, timeouts: { ack: 50 } });
    const t0 = Date.now();
    const s = await client.status();
    assert.equal(s.protocol, 1);
    assert.ok(Date.now() - t0 >= 45, 'waited for the ack first');
    assert.equal(server.requests.length, 1);
  } finally { await server.close(); }
});

test('no ack, transport forced to the extension: NATIVE_UNAVAILABLE', async () => {
  const win = fakeWindow();
  const client = createClient({ window: win, transport: 'extension', timeouts: { ack: 30 } });
  await assert.rejects(client.status(), (e) => e.code === 'NATIVE_UNAVAILABLE' && /acknowledge/.test(e.message));
});

test('NATIVE_UNAVAILABLE from the extension and no bridge: the extension error (how to install) is kept', async () => {
  const win = fakeWindow();
  standInExtension(win, (m) => ({ action: `${m.action}-failure`, error: { code: 'NATIVE_UNAVAILABLE', message: 'install the KeyBridge agent: …' } }));
  const closed = await bridgeServer(() => ({ body: {} }));
  const url = closed.url;
  await closed.close();
  const client = createClient({ window: win, bridgeUrl: url });
  await assert.rejects(client.status(), (e) => e.code === 'NATIVE_UNAVAILABLE' && /install the KeyBridge agent/.test(e.message));
});

test('acked but no answer: USER_TIMEOUT for authenticate after handshake + user time', async () => {
  const win = fakeWindow();
  standInExtension(win, () => null);
  const client = createClient({ window: win, timeouts: { ack: 20, handshake: 30, userInteraction: 40 } });
  const t0 = Date.now();
  await assert.rejects(client.authenticate(NONCE), (e) => e.code === 'USER_TIMEOUT');
  assert.ok(Date.now() - t0 >= 65, `waited ${Date.now() - t0} ms`);
  await assert.rejects(client.status(), (e) => e.code === 'NATIVE_UNAVAILABLE' && /did not answer/.test(e.message));
  // the per-call userInteractionTimeout wins over the default
  const t1 = Date.now();
  await assert.rejects(client.bindCertificate(NONCE, { userInteractionTimeout: 5 }), (e) => e.code === 'USER_TIMEOUT');
  assert.ok(Date.now() - t1 < 1000);
});

test('a nonce that is not 44–128 base64 characters is refused before anything is sent', async () => {
  const win = fakeWindow();
  const client = createClient({ window: win });
  for (const bad of ['short', 'x'.repeat(129), 'ü'.repeat(44), 42, undefined]) {
    await assert.rejects(client.authenticate(bad), (e) => e.code === 'BAD_REQUEST', String(bad));
  }
  assert.equal(win.posted.length, 0);
});

test('extension events reach onEvent as {type, …} until unsubscribed', async () => {
  const win = fakeWindow();
  standInExtension(win, (m) => ({ action: `${m.action}-success`, events: ['token-inserted', 'token-removed'] }));
  const client = createClient({ window: win });
  const seen = [];
  const off = client.onEvent((e) => seen.push(e));
  await new Promise((r) => setTimeout(r, 20));
  win.deliver({ action: 'keybridge:event', event: 'token-removed', tokenLabel: '地税CA', serialNumber: '42' });
  win.deliver({ action: 'keybridge:event', event: 'token-inserted', tokenLabel: 'x' }, new EventTarget()); // not from the page's window
  off();
  win.deliver({ action: 'keybridge:event', event: 'token-inserted', tokenLabel: '地税CA' });
  assert.deepEqual(seen, [{ type: 'token-removed', event: 'token-removed', tokenLabel: '地税CA', serialNumber: '42' }]);
  assert.equal(win.posted.filter((p) => p.data.action === 'keybridge:events').length, 1);
});

test('an unmarked page uses the bridge: POST /v1/<op>, JSON, X-KeyBridge: 1, lang in the body', async () => {
  const server = await bridgeServer((path) => ({ body: path === '/v1/certificates' ? { certificates: [{ id: 'a' }] } : { signature: 's' } }));
  try {
    const client = createClient({ window: fakeWindow({ marked: false }), bridgeUrl: server.url });
    assert.equal(client.transport(), 'bridge');
    assert.deepEqual(await client.certificates({ lang: 'es' }), [{ id: 'a' }]);
    assert.deepEqual(await client.bindCertificate(NONCE, { lang: 'en' }), { signature: 's' });
    const [c, b] = server.requests;
    assert.equal(c.method, 'POST');
    assert.equal(c.path, '/v1/certificates');
    assert.equal(c.headers['content-type'], 'application/json');
    assert.equal(c.headers['x-keybridge'], '1');
    assert.deepEqual(c.body, { lang: 'es' });
    assert.equal(b.path, '/v1/bind-certificate');
    assert.deepEqual(b.body, { challengeNonce: NONCE, lang: 'en' });
  } finally { await server.close(); }
});

test('the bridge port option builds http://127.0.0.1:<port>', async () => {
  const server = await bridgeServer(() => ({ body: { version: '0.1.0' } }));
  try {
    const port = Number(new URL(server.url).port);
    const client = createClient({ transport: 'bridge', port });
    assert.equal((await client.status()).transport, 'bridge');
    assert.equal(server.requests[0].headers.host, `127.0.0.1:${port}`);
  } finally { await server.close(); }
});

test('bridge errors keep the agent code, message and details', async () => {
  const server = await bridgeServer(() => ({ status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: 'not allowed', detail: 'd' } } }));
  try {
    const client = createClient({ transport: 'bridge', bridgeUrl: server.url });
    await assert.rejects(client.status(), (e) => e.code === 'ORIGIN_NOT_ALLOWED' && e.message === 'not allowed'
      && e.detail === 'd' && e.transport === 'bridge');
  } finally { await server.close(); }
});

test('no agent listening: NATIVE_UNAVAILABLE naming the address and Local Network Access', async () => {
  const gone = await bridgeServer(() => ({ body: {} }));
  await gone.close();
  const client = createClient({ transport: 'bridge', bridgeUrl: gone.url });
  await assert.rejects(client.status(), (e) => e.code === 'NATIVE_UNAVAILABLE' && e.message.includes(gone.url)
    && /local network/.test(e.message));
});

test('a bridge that does not answer in time: NATIVE_UNAVAILABLE, or USER_TIMEOUT for a login', async () => {
  const server = await bridgeServer(() => new Promise(() => {})); // never answers
  try {
    const client = createClient({ transport: 'bridge', bridgeUrl: server.url, timeouts: { handshake: 40, userInteraction: 40 } });
    await assert.rejects(client.status(), (e) => e.code === 'NATIVE_UNAVAILABLE');
    await assert.rejects(client.authenticate(NONCE), (e) => e.code === 'USER_TIMEOUT');
  } finally { await server.close(); }
});

test('bridge events: the SSE stream reaches onEvent; the last unsubscribe closes the stream', async () => {
  let streamClosed;
  const closed = new Promise((r) => { streamClosed = r; });
  const server = await bridgeServer((path, body, req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('retry: 3000\n: keybridge events\n\n');
    res.write('event: token-removed\ndata: {"tokenLabel":"社保CA","serialNumber":"7"}\n\n');
    res.write('event: certificate-expiring\r\ndata: {"certificateId":"ab",');
    setTimeout(() => res.write('"tokenLabel":"t","notAfter":"2027-01-01T00:00:00Z"}\r\n\r\n'), 20);
    res.on('close', streamClosed); // the client went away
    return undefined;
  });
  try {
    const client = createClient({ transport: 'bridge', bridgeUrl: server.url });
    const seen = [];
    let off;
    await new Promise((resolve) => {
      off = client.onEvent((e) => { seen.push(e); if (seen.length === 2) resolve(); });
    });
    assert.deepEqual(seen, [
      { type: 'token-removed', tokenLabel: '社保CA', serialNumber: '7' },
      { type: 'certificate-expiring', certificateId: 'ab', tokenLabel: 't', notAfter: '2027-01-01T00:00:00Z' },
    ]);
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.requests[0].path, '/v1/events');
    off();
    await closed;
  } finally { await server.close(); }
});

test('a refused event stream is reported once as an error event', async () => {
  const server = await bridgeServer(() => ({ status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: 'no' } } }));
  try {
    const client = createClient({ transport: 'bridge', bridgeUrl: server.url });
    const e = await new Promise((resolve) => client.onEvent(resolve));
    assert.deepEqual(e, { type: 'error', code: 'ORIGIN_NOT_ALLOWED', message: 'no' });
  } finally { await server.close(); }
});

test('parseSse: event and multi-line data; comments and retry alone give nothing', () => {
  assert.deepEqual(parseSse('event: token-inserted\ndata: {"a":1}'), { type: 'token-inserted', data: '{"a":1}' });
  assert.deepEqual(parseSse('data: a\ndata: b'), { type: 'message', data: 'a\nb' });
  assert.equal(parseSse(': heartbeat'), null);
  assert.equal(parseSse('retry: 3000\n: keybridge events'), null);
});
