// The extension's modules in node: request mapping, replies and codes, versions, origins, messages, the page channel
// and the native session (with a stand-in native port, named as such — e2e/ runs them against the real agent in
// Chromium), the content script in a vm context, and the build's packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, access } from 'node:fs/promises';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import {
  ACTIONS, nativeRequest, successReply, failureReply, ProtocolError, WEB_EID_CODES, TOKEN_FIELDS, langOf, userTimeoutOf,
  eventMessage,
} from '../extension/protocol.js';
import { versionProblem, parseVersion } from '../extension/versions.js';
import { senderOrigin, secureOrigin } from '../extension/origin.js';
import { message, language, KEYS, LANGUAGES, textsFor } from '../extension/messages.js';
import { NativeSession } from '../extension/native-session.js';
import { PageChannel } from '../extension/page-channel.js';
import { NativeHub } from '../extension/native-hub.js';
import { ERROR_CODES } from '../client/keybridge.js';
import { build } from '../scripts/build.mjs';
import { extensionId } from '../scripts/extension-id.mjs';

const NONCE = 'n'.repeat(44);
const en = (key, args) => message('en', key, ...args);

test('web-eid and keybridge actions map onto the agent commands with whitelisted arguments only', () => {
  assert.deepEqual(nativeRequest({ action: 'web-eid:status', libraryVersion: '2.0.0' }), { command: 'status', arguments: {} });
  assert.deepEqual(nativeRequest({ action: 'web-eid:authenticate', challengeNonce: NONCE, options: { lang: 'et', userInteractionTimeout: 5 } }),
    { command: 'authenticate', arguments: { challengeNonce: NONCE, lang: 'et' } });
  assert.deepEqual(nativeRequest({ action: 'keybridge:authenticate', challengeNonce: NONCE, options: { certificateId: 'ab', lang: 'zh-CN' } }),
    { command: 'authenticate', arguments: { challengeNonce: NONCE, certificateId: 'ab', lang: 'zh-CN' } });
  assert.deepEqual(nativeRequest({ action: 'keybridge:bind-certificate', challengeNonce: NONCE }), { command: 'bind-certificate', arguments: { challengeNonce: NONCE } });
  assert.deepEqual(nativeRequest({ action: 'keybridge:certificates', options: { lang: 'es' } }), { command: 'certificates', arguments: { lang: 'es' } });
  assert.deepEqual(nativeRequest({ action: 'keybridge:events' }), { command: 'events', arguments: {} });
});

test('an origin written by the page is never passed on', () => {
  for (const action of ACTIONS.filter((a) => !/sign/.test(a))) {
    const req = nativeRequest({ action, challengeNonce: NONCE, origin: 'https://evil.example', options: { origin: 'https://evil.example', lang: 'en' } });
    assert.equal(JSON.stringify(req).includes('evil'), false, action);
  }
});

test('missing or malformed arguments are refused with MISSING_PARAMETER / BAD_REQUEST', () => {
  const missing = assert.throws(() => nativeRequest({ action: 'web-eid:authenticate' }), (e) => e.code === 'BAD_REQUEST' && e.webEidCode === 'ERR_WEBEID_MISSING_PARAMETER');
  assert.equal(missing, undefined);
  assert.throws(() => nativeRequest({ action: 'keybridge:authenticate', challengeNonce: 42 }), (e) => e.code === 'BAD_REQUEST' && e.key === 'invalid');
  assert.throws(() => nativeRequest({ action: 'keybridge:authenticate', challengeNonce: 'x'.repeat(1025) }), (e) => e.code === 'BAD_REQUEST');
  assert.throws(() => nativeRequest({ action: 'web-eid:sign', hash: 'aa' }), (e) => e.key === 'noSigning' && e.webEidCode === 'ERR_WEBEID_NATIVE_FATAL');
  assert.throws(() => nativeRequest({ action: 'web-eid:get-signing-certificate' }), (e) => e.key === 'noSigning');
});

test('lang and userInteractionTimeout are taken only when sane', () => {
  assert.equal(langOf({ options: { lang: 'zh-CN' } }, 'en'), 'zh-CN');
  assert.equal(langOf({ options: { lang: '<script>' } }, 'en'), 'en');
  assert.equal(langOf({}, 'es'), 'es');
  assert.equal(userTimeoutOf({ options: { userInteractionTimeout: 5000 } }, 120000), 5000);
  for (const bad of [-1, 0, 'x', Infinity, 1e12]) assert.equal(userTimeoutOf({ options: { userInteractionTimeout: bad } }, 120000), 120000);
});

test('success replies put fields at the top level; web-eid:authenticate carries exactly the five token fields', () => {
  const token = { unverifiedCertificate: 'MIIB', algorithm: 'ES256', signature: 'c2ln', format: 'web-eid:1.0', appVersion: '0.1.0', extra: 'dropped' };
  const web = successReply({ action: 'web-eid:authenticate' }, token, {});
  assert.deepEqual(Object.keys(web), ['action', ...TOKEN_FIELDS]);
  assert.equal(web.action, 'web-eid:authenticate-success');
  assert.deepEqual(successReply({ action: 'web-eid:status', libraryVersion: '2.1.0' }, { version: '0.1.0' }, { extension: '0.1.0', agent: '0.1.2' }),
    { action: 'web-eid:status-success', library: '2.1.0', extension: '0.1.0', nativeApp: '0.1.2' });
  assert.deepEqual(successReply({ action: 'keybridge:certificates', requestId: 'r' }, { certificates: [{ id: 'a' }], action: 'spoof' }, {}),
    { certificates: [{ id: 'a' }], action: 'keybridge:certificates-success', requestId: 'r' });
  assert.equal(successReply({ action: 'keybridge:status' }, { version: '0.1.0' }, { extension: '0.1.0' }).extension, '0.1.0');
});

test('failures: web-eid actions get Web eID codes, keybridge actions keep KeyBridge codes and details', () => {
  const agent = ProtocolError.fromAgent({ code: 'CERTIFICATE_EXPIRED', message: '证书已过期', certificate: { id: 'c' } });
  assert.deepEqual(failureReply({ action: 'web-eid:authenticate' }, agent, en),
    { action: 'web-eid:authenticate-failure', error: { code: 'ERR_WEBEID_NATIVE_FATAL', message: '证书已过期' } });
  assert.deepEqual(failureReply({ action: 'keybridge:authenticate', requestId: 7 }, agent, en),
    { action: 'keybridge:authenticate-failure', error: { certificate: { id: 'c' }, code: 'CERTIFICATE_EXPIRED', message: '证书已过期' }, requestId: 7 });
  for (const [kb, web] of Object.entries(WEB_EID_CODES)) {
    assert.equal(failureReply({ action: 'web-eid:status' }, new ProtocolError(kb, { message: 'm' }), en).error.code, web);
  }
  const insecure = new ProtocolError('ORIGIN_NOT_ALLOWED', { key: 'insecure', args: ['http://x'], webEidCode: 'ERR_WEBEID_CONTEXT_INSECURE' });
  assert.equal(failureReply({ action: 'web-eid:status' }, insecure, en).error.code, 'ERR_WEBEID_CONTEXT_INSECURE');
  assert.equal(failureReply({ action: 'keybridge:status' }, insecure, en).error.code, 'ORIGIN_NOT_ALLOWED');
  assert.match(failureReply({ action: 'keybridge:status' }, insecure, en).error.message, /https.*http:\/\/x/);
  // every code the Web eID mapping names is a KeyBridge code
  for (const kb of Object.keys(WEB_EID_CODES)) assert.ok(ERROR_CODES.includes(kb), kb);
});

test('pushed events become keybridge:event messages', () => {
  assert.deepEqual(eventMessage({ event: 'token-removed', tokenLabel: 't', action: 'x' }), { event: 'token-removed', tokenLabel: 't', action: 'keybridge:event' });
});

test('versions: strict SemVer; the older side is the one to update (0.x: minor counts)', () => {
  assert.deepEqual(parseVersion('1.2.3-rc.1+b5'), [1, 2, 3]);
  for (const bad of ['1.2', '01.2.3', 'v1.2.3', '', null, 3]) assert.equal(parseVersion(bad), null, String(bad));
  assert.equal(versionProblem('0.1.0', '0.1.0'), null);
  assert.equal(versionProblem('0.1.7', '0.1.0'), null);
  assert.equal(versionProblem('2.3.0', '2.0.1'), null);
  assert.deepEqual(versionProblem('0.1.0', '0.2.0'), { key: 'updateAgent', requiresUpdate: { extension: false, nativeApp: true } });
  assert.deepEqual(versionProblem('1.0.0', '0.9.0'), { key: 'updateExtension', requiresUpdate: { extension: true, nativeApp: false } });
  assert.deepEqual(versionProblem('9.0.0', '0.1.0').key, 'updateExtension');
  assert.deepEqual(versionProblem('garbage', '0.1.0').key, 'versionInvalid');
});

test('origins come from the sender; https only, loopback http only in a dev build', () => {
  assert.equal(senderOrigin({ origin: 'https://a.example', url: 'https://b.example/x' }), 'https://a.example');
  assert.equal(senderOrigin({ url: 'https://a.example:8443/p?q#f' }), 'https://a.example:8443');
  assert.equal(senderOrigin({ origin: 'null', tab: { url: 'https://t.example/' } }), 'https://t.example');
  assert.equal(senderOrigin({}), null);
  assert.equal(senderOrigin(undefined), null);
  assert.ok(secureOrigin('https://portal.example', false));
  for (const o of ['http://localhost:8080', 'http://127.0.0.1', 'http://portal.example', 'file://', null, 'https://a/b']) {
    assert.equal(secureOrigin(o, false), false, String(o));
  }
  assert.ok(secureOrigin('http://localhost:8080', true));
  assert.ok(secureOrigin('http://127.0.0.1', true));
  assert.equal(secureOrigin('http://localhost.evil.example', true), false);
  assert.equal(secureOrigin('http://192.168.1.2', true), false);
});

test('every extension message exists in zh-CN, en and es with the same placeholders', () => {
  assert.deepEqual([...LANGUAGES].sort(), ['en', 'es', 'zh-CN']);
  for (const lang of LANGUAGES) {
    assert.deepEqual(Object.keys(textsFor(lang)).sort(), [...KEYS].sort(), lang);
    for (const key of KEYS) {
      const holes = (s) => (s.match(/\{\d\}/g) || []).sort().join();
      assert.equal(holes(textsFor(lang)[key]), holes(textsFor('en')[key]), `${lang}.${key}`);
    }
  }
  assert.equal(language('zh'), 'zh-CN');
  assert.equal(language('zh-TW'), 'zh-CN');
  assert.equal(language('es-MX'), 'es');
  assert.equal(language('et'), 'en');
  assert.match(message('es', 'updateAgent', '0.1.0', '0.2.0'), /actualice el agente.*/);
  assert.match(message('zh-CN', 'nativeUnavailable', 'x'), /keybridge install-native-host/);
});

/** A stand-in for runtime.connectNative's port: records posts, lets the test play the host. */
function standInPort() {
  const l = { message: [], disconnect: [] };
  return {
    posted: [],
    disconnected: false,
    onMessage: { addListener: (f) => l.message.push(f) },
    onDisconnect: { addListener: (f) => l.disconnect.push(f) },
    postMessage(m) { this.posted.push(m); },
    disconnect() { this.disconnected = true; },
    hostSays(m) { for (const f of l.message) f(m); },
    hostGone() { for (const f of l.disconnect) f(); },
  };
}

function session(port, extra = {}) {
  return new NativeSession({ connect: () => port, lastError: () => port.error?.message, extensionVersion: '0.1.0', helloTimeout: 200, ...extra });
}

test('native session: hello, then requests with id and origin, answers matched by id', async () => {
  const port = standInPort();
  const s = session(port);
  const r1 = s.request('status', {}, 'https://a.example', 1000, () => new Error('t'));
  port.hostSays({ version: '0.1.0' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(port.posted, [{ command: 'status', arguments: {}, origin: 'https://a.example', id: 1 }]);
  const r2 = s.request('certificates', { lang: 'en' }, 'https://a.example', 1000, () => new Error('t'));
  await new Promise((r) => setImmediate(r));
  port.hostSays({ id: 2, error: { code: 'NO_TOKEN', message: 'insert' } });
  port.hostSays({ id: 1, result: { version: '0.1.0' } });
  assert.deepEqual(await r1, { version: '0.1.0' });
  await assert.rejects(r2, (e) => e.code === 'NO_TOKEN' && e.message === 'insert');
  assert.equal(s.agentVersion, '0.1.0');
});

test('native session: host missing → NATIVE_UNAVAILABLE with the browser reason; no hello → NATIVE_UNAVAILABLE', async () => {
  const port = standInPort();
  port.error = { message: 'Specified native messaging host not found.' };
  const s = session(port);
  const r = s.request('status', {}, 'o', 1000, () => new Error('t'));
  port.hostGone();
  await assert.rejects(r, (e) => e.code === 'NATIVE_UNAVAILABLE' && e.key === 'nativeUnavailable' && /not found/.test(e.args[0]));
  const silent = standInPort();
  await assert.rejects(session(silent, { helloTimeout: 20 }).start(), (e) => e.code === 'NATIVE_UNAVAILABLE' && e.key === 'helloTimeout');
  assert.ok(silent.disconnected);
});

test('native session: another major version → VERSION_MISMATCH naming the side, and the port is closed', async () => {
  const port = standInPort();
  const s = session(port);
  const r = s.start();
  port.hostSays({ version: '1.0.0' });
  await assert.rejects(r, (e) => e.code === 'VERSION_MISMATCH' && e.key === 'updateExtension' && e.details.requiresUpdate.extension);
  assert.ok(port.disconnected);
});

test('native session: the host ending mid-request fails what is pending; events go to onEvent; late answers are dropped', async () => {
  const port = standInPort();
  const events = [];
  let closed = 0;
  const s = session(port, { onEvent: (e) => events.push(e), onClose: () => closed++ });
  const start = s.start();
  port.hostSays({ version: '0.1.0' });
  await start;
  const slow = s.request('status', {}, 'o', 10, () => new ProtocolError('NATIVE_UNAVAILABLE', { key: 'answerTimeout', args: [0] }));
  await assert.rejects(slow, (e) => e.key === 'answerTimeout');
  port.hostSays({ id: 1, result: {} }); // too late: nobody waits
  port.hostSays({ event: 'token-inserted', tokenLabel: 't' });
  assert.deepEqual(events, [{ event: 'token-inserted', tokenLabel: 't' }]);
  const pending = s.request('authenticate', { challengeNonce: NONCE }, 'o', 1000, () => new Error('t'));
  await new Promise((r) => setImmediate(r));
  port.hostGone();
  await assert.rejects(pending, (e) => e.code === 'NATIVE_UNAVAILABLE' && e.key === 'nativeGone');
  assert.equal(closed, 1);
});

/** A hub whose sessions run over stand-in native ports; the host answers with `answer(request)`. */
function hubOf(answer, ports, linger = 0) {
  return new NativeHub((hooks) => {
    const port = standInPort();
    ports.push(port);
    port.postMessage = (m) => { port.posted.push(m); const a = answer(m); if (a) setTimeout(() => port.hostSays({ id: m.id, ...a }), a.delay ?? 0); };
    queueMicrotask(() => port.hostSays({ version: '0.1.0' }));
    return session(port, hooks);
  }, linger);
}

/** A page channel over a stand-in native port whose host answers with `answer(request)`. */
function channel(origin, answer, { devBuild = false, ports = [], hub = hubOf(answer, ports) } = {}) {
  const posted = [];
  const ch = new PageChannel({
    origin,
    post: (m) => posted.push(m),
    hub,
    devBuild,
    extensionVersion: '0.1.0',
    timeouts: { answer: 1000, userInteraction: 1000 },
  });
  return { ch, posted, ports };
}

test('page channel: the browser-reported origin goes to the agent; the reply carries the result', async () => {
  const { ch, posted, ports } = channel('https://portal.example', (m) => ({ result: { unverifiedCertificate: 'C', algorithm: 'ES256', signature: 'S', format: 'web-eid:1.0', appVersion: 'v' } }));
  await ch.handle({ action: 'web-eid:authenticate', challengeNonce: NONCE, origin: 'https://evil.example' });
  assert.equal(ports[0].posted[0].origin, 'https://portal.example');
  assert.equal(posted[0].action, 'web-eid:authenticate-success');
  assert.equal(posted[0].signature, 'S');
});

test('page channel: insecure pages are refused without starting the host; loopback http only in a dev build', async () => {
  for (const origin of ['http://portal.example', 'http://localhost:8080', null]) {
    const { ch, posted, ports } = channel(origin, () => assert.fail('no native work'));
    await ch.handle({ action: 'web-eid:status' });
    await ch.handle({ action: 'keybridge:status' });
    assert.equal(ports.length, 0);
    assert.equal(posted[0].error.code, 'ERR_WEBEID_CONTEXT_INSECURE');
    assert.equal(posted[1].error.code, 'ORIGIN_NOT_ALLOWED');
  }
  const dev = channel('http://localhost:8080', () => ({ result: { version: '0.1.0' } }), { devBuild: true });
  await dev.ch.handle({ action: 'keybridge:status' });
  assert.equal(dev.posted[0].action, 'keybridge:status-success');
});

test('page channel: one pending request per action; a timed-out login is USER_TIMEOUT', async () => {
  const { ch, posted } = channel('https://p.example', (m) => (m.command === 'status' ? { result: {}, delay: 30 } : null));
  const first = ch.handle({ action: 'keybridge:status', requestId: 1 });
  await ch.handle({ action: 'keybridge:status', requestId: 2 });
  await first;
  assert.deepEqual(posted.map((p) => [p.requestId, p.action, p.error?.code]),
    [[2, 'keybridge:status-failure', 'BUSY'], [1, 'keybridge:status-success', undefined]]);
  posted.length = 0;
  await ch.handle({ action: 'web-eid:authenticate', challengeNonce: NONCE, options: { userInteractionTimeout: 20 } });
  assert.equal(posted[0].error.code, 'ERR_WEBEID_USER_TIMEOUT');
});

test('page channel: events are pushed to the page as keybridge:event', async () => {
  const { ch, posted, ports } = channel('https://p.example', () => ({ result: { events: ['token-removed'] } }));
  await ch.handle({ action: 'keybridge:events' });
  ports[0].hostSays({ event: 'token-removed', tokenLabel: 't', serialNumber: '1' });
  assert.deepEqual(posted.at(-1), { event: 'token-removed', tokenLabel: 't', serialNumber: '1', action: 'keybridge:event' });
  ch.close();
  await new Promise((r) => setTimeout(r, 5));
  assert.ok(ports[0].disconnected, 'the last page going away closes the agent port');
});

test('hub: pages share one agent port, each request with its own origin; events only to subscribed pages; linger', async () => {
  const ports = [];
  const hub = hubOf((m) => ({ result: m.command === 'events' ? { events: [] } : { ok: m.origin } }), ports, 30);
  const a = channel('https://a.example', null, { hub });
  const b = channel('https://b.example', null, { hub });
  await a.ch.handle({ action: 'keybridge:status' });
  await b.ch.handle({ action: 'keybridge:status' });
  await a.ch.handle({ action: 'keybridge:events' });
  assert.equal(ports.length, 1, 'one host for both pages');
  assert.deepEqual(ports[0].posted.map((m) => m.origin), ['https://a.example', 'https://b.example', 'https://a.example']);
  assert.equal(a.posted[0].ok, 'https://a.example');
  assert.equal(b.posted[0].ok, 'https://b.example');
  ports[0].hostSays({ event: 'token-inserted', tokenLabel: 't' });
  assert.equal(a.posted.at(-1).action, 'keybridge:event');
  assert.equal(b.posted.some((m) => m.action === 'keybridge:event'), false);
  a.ch.close();
  b.ch.close();
  const c = channel('https://c.example', null, { hub }); // a navigation within the linger time reuses the port
  await c.ch.handle({ action: 'keybridge:status' });
  assert.equal(ports.length, 1);
  assert.equal(ports[0].disconnected, false);
  c.ch.close();
  await new Promise((r) => setTimeout(r, 60));
  assert.ok(ports[0].disconnected, 'closed after the linger time');
  const d = channel('https://d.example', null, { hub });
  await d.ch.handle({ action: 'keybridge:status' });
  assert.equal(ports.length, 2, 'and a new one opened on demand');
});

/** Runs content-script.js in a vm context with stand-ins for window, document and chrome.runtime. */
async function contentScript({ origin = 'https://p.example' } = {}) {
  const source = await readFile(new URL('../extension/content-script.js', import.meta.url), 'utf8');
  const listeners = [];
  const toPage = [];
  const toWorker = [];
  const portListeners = { message: [], disconnect: [] };
  const attrs = {};
  const window = {
    addEventListener: (type, f) => type === 'message' && listeners.push(f),
    // copied out of the vm's realm, as structured cloning would, so deepEqual compares plain values
    postMessage: (m, target) => toPage.push({ m: JSON.parse(JSON.stringify(m)), target }),
  };
  const chrome = {
    runtime: {
      getManifest: () => ({ version: '0.1.0' }),
      connect: ({ name }) => ({
        name,
        postMessage: (m) => toWorker.push(JSON.parse(JSON.stringify(m))),
        onMessage: { addListener: (f) => portListeners.message.push(f) },
        onDisconnect: { addListener: (f) => portListeners.disconnect.push(f) },
      }),
    },
  };
  const context = vm.createContext({ window, chrome, location: { origin }, document: { documentElement: { setAttribute: (k, v) => { attrs[k] = v; } } } });
  vm.runInContext(source, context);
  return {
    attrs, toPage, toWorker,
    pageSends: (data, source = window) => listeners.forEach((f) => f({ source, data })),
    workerSays: (m) => portListeners.message.forEach((f) => f(m)),
    workerGone: () => portListeners.disconnect.forEach((f) => f()),
  };
}

test('content script: marks the page, acks at once, relays to the worker and the reply back to the page', async () => {
  const cs = await contentScript();
  assert.equal(cs.attrs['data-keybridge-extension'], '0.1.0');
  cs.pageSends({ action: 'web-eid:status', libraryVersion: '2.0.0' });
  assert.deepEqual(cs.toPage.map((p) => p.m), [{ action: 'web-eid:status-ack' }]);
  assert.equal(cs.toPage[0].target, 'https://p.example');
  assert.deepEqual(cs.toWorker, [{ action: 'web-eid:status', libraryVersion: '2.0.0' }]);
  cs.workerSays({ action: 'web-eid:status-success', extension: '0.1.0' });
  assert.deepEqual(cs.toPage[1].m, { action: 'web-eid:status-success', extension: '0.1.0' });
  cs.pageSends({ action: 'keybridge:status', requestId: 'x' });
  assert.deepEqual(cs.toPage[2].m, { action: 'keybridge:status-ack', requestId: 'x' });
});

test('content script: ignores other windows, its own replies and unknown actions', async () => {
  const cs = await contentScript();
  cs.pageSends({ action: 'web-eid:status' }, { other: true });
  cs.pageSends({ action: 'web-eid:status-ack' });
  cs.pageSends({ action: 'web-eid:status-success' });
  cs.pageSends({ action: 'something-else' });
  cs.pageSends('web-eid:status');
  cs.pageSends(null);
  assert.equal(cs.toPage.length, 0);
  assert.equal(cs.toWorker.length, 0);
});

test('content script: a restarted worker fails what was in flight instead of leaving the page waiting', async () => {
  const cs = await contentScript();
  cs.pageSends({ action: 'keybridge:authenticate', requestId: 'r', challengeNonce: NONCE });
  cs.pageSends({ action: 'web-eid:authenticate', challengeNonce: NONCE });
  cs.workerGone();
  const finals = cs.toPage.map((p) => p.m).filter((m) => m.action.endsWith('-failure'));
  assert.deepEqual(finals.map((m) => [m.action, m.error.code, m.requestId]),
    [['keybridge:authenticate-failure', 'NATIVE_UNAVAILABLE', 'r'], ['web-eid:authenticate-failure', 'ERR_WEBEID_UNKNOWN_ERROR', undefined]]);
});

test('the content script knows exactly the protocol actions', async () => {
  const source = await readFile(new URL('../extension/content-script.js', import.meta.url), 'utf8');
  const list = source.slice(source.indexOf('new Set(['), source.indexOf(']);'));
  assert.deepEqual([...list.matchAll(/'([a-z-]+:[a-z-]+)'/g)].map((m) => m[1]).sort(), [...ACTIONS].sort());
});

test('build: Chrome zip, dev variant with loopback pages, Firefox build with the gecko id and no key', async () => {
  const { id, version } = await build();
  const target = new URL('../target/', import.meta.url);
  for (const f of [`keybridge-chrome-${version}.zip`, `keybridge-firefox-${version}.zip`]) await access(new URL(f, target));
  const read = async (p) => JSON.parse(await readFile(new URL(p, target), 'utf8'));
  const chrome = await read('chrome/manifest.json');
  const dev = await read('chrome-dev/manifest.json');
  const firefox = await read('firefox/manifest.json');
  assert.deepEqual(chrome.content_scripts[0].matches, ['https://*/*']);
  assert.deepEqual(dev.content_scripts[0].matches, ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  assert.match(await readFile(new URL('chrome-dev/config.js', target), 'utf8'), /DEV_BUILD = true;/);
  assert.match(await readFile(new URL('chrome/config.js', target), 'utf8'), /DEV_BUILD = false;/);
  assert.equal(firefox.key, undefined);
  assert.deepEqual(firefox.background, { scripts: ['service-worker.js'], type: 'module' });
  assert.equal(firefox.browser_specific_settings.gecko.id, 'keybridge@keybridge.org');
  assert.equal(id, extensionId(chrome.key));
  assert.equal((await readFile(new URL('extension-id.txt', target), 'utf8')).trim(), id);
});

test('the pinned id is what install-native-host writes by default, and Firefox ids agree', async () => {
  const manifest = JSON.parse(await readFile(new URL('../extension/manifest.json', import.meta.url), 'utf8'));
  const java = await readFile(new URL('../../bridge-agent/src/main/java/org/keybridge/nativemsg/HostManifests.java', import.meta.url), 'utf8');
  const chromeId = /KEYBRIDGE_EXTENSION_ID = "([a-p]{32})"/.exec(java)[1];
  const firefoxId = /KEYBRIDGE_FIREFOX_ID = "([^"]+)"/.exec(java)[1];
  assert.equal(extensionId(manifest.key), chromeId);
  assert.equal((await import('../scripts/build.mjs')).FIREFOX_ID, firefoxId);
  // the key is an RSA public key only (no private key material in the repository)
  assert.ok(Buffer.from(manifest.key, 'base64').length < 400);
});

test('extension id: SHA-256 of the key, 32 digits mapped 0-f → a-p', () => {
  // the same recipe as testbed.md §5, by the shell: sha256sum | cut -c1-32 | tr '0-9a-f' 'a-p'
  const shell = execFileSync('sh', ['-c', "printf abc | sha256sum | cut -c1-32 | tr '0-9a-f' 'a-p'"], { encoding: 'utf8' }).trim();
  assert.equal(extensionId(Buffer.from('abc').toString('base64')), shell);
  assert.match(shell, /^[a-p]{32}$/);
});
