// End to end in headless Chromium: the dev build of the extension, unpacked; the real agent (bin/keybridge
// native-host, SoftHSM demo keys, PIN file) registered as native host in the throw-away profile; test pages served
// on loopback — http://localhost:A is on the agent's allow-list (dev mode), http://localhost:B is not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  missingPrerequisite, tempDir, devExtension, demoKeys, agentHostScript, hostScript, registerHost, launch, serve,
  testPages, nonce, verifyToken, removeQuietly, MODULE_DIR,
} from './lib/harness.mjs';

const problem = missingPrerequisite();
let tmp; let allowed; let foreign; let browser; let extension; let hostManifest; let agentHost; let udd;
let originA; let originB;

before(async () => {
  assert.equal(problem, null, problem ?? '');
  tmp = tempDir('keybridge-e2e-');
  allowed = await serve(testPages());
  foreign = await serve(testPages());
  originA = `http://localhost:${allowed.port}`;
  originB = `http://localhost:${foreign.port}`;
  const demo = demoKeys(path.join(tmp, 'demo'), [originA]);
  extension = await devExtension();
  udd = path.join(tmp, 'profile');
  agentHost = agentHostScript(path.join(tmp, 'keybridge-native-host'), demo);
  hostManifest = registerHost(udd, agentHost, extension.id);
  browser = await launch(udd, extension.dir);
});

after(async () => {
  await browser?.context.close();
  await allowed?.close();
  await foreign?.close();
  if (tmp) removeQuietly(tmp);
});

async function open(origin) {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === 'ready');
  return page;
}

const raw = (page, msg) => page.evaluate((m) => window.kbRaw(m), msg);
const last = (replies) => replies[replies.length - 1];

test('the extension loads with the pinned id, marks the page and acks within 1 s; status reports both versions', async () => {
  assert.equal(new URL(browser.worker.url()).host, extension.id);
  const page = await open(originA);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-keybridge-extension')), '0.1.0');
  const replies = await raw(page, { action: 'web-eid:status', libraryVersion: '2.0.0' });
  assert.equal(replies[0].action, 'web-eid:status-ack');
  assert.ok(replies[0].at < 1000, `ack after ${replies[0].at} ms`);
  const { action, library, extension: ext, nativeApp } = last(replies);
  assert.deepEqual({ action, library, extension: ext, nativeApp },
    { action: 'web-eid:status-success', library: '2.0.0', extension: '0.1.0', nativeApp: '0.1.0' });
  await page.close();
});

test('an allowed origin gets a Web eID token that verifies over H(origin) ‖ H(nonce)', async () => {
  const page = await open(originA);
  const n = nonce();
  const replies = await raw(page, { action: 'web-eid:authenticate', libraryVersion: '2.0.0', challengeNonce: n, options: { lang: 'en' } });
  const reply = last(replies);
  assert.equal(reply.action, 'web-eid:authenticate-success', JSON.stringify(reply));
  const { action, at, ...token } = reply;
  assert.deepEqual(Object.keys(token).sort(), ['algorithm', 'appVersion', 'format', 'signature', 'unverifiedCertificate']);
  assert.equal(token.format, 'web-eid:1.0');
  const v = verifyToken(token, originA, n);
  assert.ok(v.ok, 'the signature verifies for the page origin');
  assert.match(v.subject, /91/); // the demo certificate carries the USCC
  assert.equal(verifyToken(token, originB, n).ok, false, 'and not for another origin');
  assert.equal(verifyToken(token, originA, nonce()).ok, false, 'nor for another nonce');
  await page.close();
});

test('the portal client goes through the extension and its token verifies', async () => {
  const page = await open(originA);
  const status = await page.evaluate(() => window.kbCall('status'));
  assert.equal(status.ok?.transport, 'extension', JSON.stringify(status));
  assert.equal(status.ok.protocol, 1);
  const certs = await page.evaluate(() => window.kbCall('certificates', { lang: 'zh-CN' }));
  assert.ok(certs.ok.length >= 2, JSON.stringify(certs));
  const n = nonce();
  const token = await page.evaluate((x) => window.kbCall('authenticate', x, { lang: 'zh-CN' }), n);
  assert.ok(verifyToken(token.ok, originA, n).ok, JSON.stringify(token));
  const bound = await page.evaluate((x) => window.kbCall('bindCertificate', x), n);
  assert.ok(verifyToken(bound.ok, originA, n).ok, JSON.stringify(bound));
  // the expired 社保CA certificate is never used for a login: CERTIFICATE_EXPIRED with its details
  const expired = certs.ok.find((c) => c.status === 'EXPIRED');
  const refused = await page.evaluate(([x, id]) => window.keybridge.authenticate(x, { certificateId: id }).catch((e) => ({ code: e.code, certificate: e.certificate, message: e.message })), [nonce(), expired.id]);
  assert.equal(refused.code, 'CERTIFICATE_EXPIRED');
  assert.equal(refused.certificate.id, expired.id);
  await page.close();
});

test('a page on an origin that is not allowed is refused, in both protocols', async () => {
  const page = await open(originB);
  const web = last(await raw(page, { action: 'web-eid:authenticate', libraryVersion: '2.0.0', challengeNonce: nonce() }));
  assert.equal(web.action, 'web-eid:authenticate-failure');
  assert.equal(web.error.code, 'ERR_WEBEID_NATIVE_FATAL');
  assert.ok(web.error.message);
  const kb = last(await raw(page, { action: 'keybridge:authenticate', requestId: 'r1', challengeNonce: nonce() }));
  assert.deepEqual([kb.action, kb.requestId, kb.error.code], ['keybridge:authenticate-failure', 'r1', 'ORIGIN_NOT_ALLOWED']);
  const client = await page.evaluate(() => window.kbCall('status'));
  assert.equal(client.error.code, 'ORIGIN_NOT_ALLOWED');
  await page.close();
});

test('a page that lies about its origin is judged by its real origin', async () => {
  const liar = await open(originB);
  const kb = last(await raw(liar, { action: 'keybridge:authenticate', challengeNonce: nonce(), origin: originA, options: { origin: originA } }));
  assert.equal(kb.error?.code, 'ORIGIN_NOT_ALLOWED', JSON.stringify(kb));
  await liar.close();
  // an allowed page claiming another origin still gets a token bound to its own
  const page = await open(originA);
  const n = nonce();
  const reply = last(await raw(page, { action: 'web-eid:authenticate', challengeNonce: n, origin: 'https://evil.example', options: { origin: 'https://evil.example' } }));
  assert.equal(reply.action, 'web-eid:authenticate-success', JSON.stringify(reply));
  assert.ok(verifyToken(reply, originA, n).ok);
  assert.equal(verifyToken(reply, 'https://evil.example', n).ok, false);
  await page.close();
});

test('a second request of the same action while one is pending is refused, the first still answered', async () => {
  const page = await open(originA);
  const n = nonce();
  const [first, second] = await page.evaluate(async (x) => Promise.all([
    window.kbRaw({ action: 'keybridge:authenticate', requestId: 'a', challengeNonce: x }),
    window.kbRaw({ action: 'keybridge:authenticate', requestId: 'b', challengeNonce: x }),
  ]), n);
  assert.equal(last(second).error?.code, 'BUSY', JSON.stringify(second));
  assert.equal(last(first).action, 'keybridge:authenticate-success', JSON.stringify(first));
  assert.ok(verifyToken(last(first), originA, n).ok);
  await page.close();
});

test('a bad request is refused before the agent: missing nonce → ERR_WEBEID_MISSING_PARAMETER; signing is not offered', async () => {
  const page = await open(originA);
  const missing = last(await raw(page, { action: 'web-eid:authenticate', libraryVersion: '2.0.0' }));
  assert.equal(missing.error.code, 'ERR_WEBEID_MISSING_PARAMETER');
  const sign = last(await raw(page, { action: 'web-eid:sign', certificate: 'x', hash: 'aGFzaA==', hashFunction: 'SHA-256' }));
  assert.equal(sign.action, 'web-eid:sign-failure');
  assert.match(sign.error.message, /does not sign documents/);
  await page.close();
});

/** The agent's port stays open a few seconds after the last page closed (config.js TIMEOUTS.linger): let it go. */
async function agentPortClosed() {
  for (const p of browser.context.pages()) await p.close();
  await new Promise((r) => setTimeout(r, 6000));
}

test('an agent of another major version: VERSION_MISMATCH saying to update the extension', async () => {
  await agentPortClosed();
  const echo = path.join(MODULE_DIR, 'e2e', 'lib', 'echo-host.mjs');
  registerHost(udd, hostScript(path.join(tmp, 'future-host'), ['env', 'ECHO_VERSION=9.0.0', process.execPath, echo]), extension.id);
  try {
    const page = await open(originA);
    const web = last(await raw(page, { action: 'web-eid:status', libraryVersion: '2.0.0' }));
    assert.equal(web.error.code, 'ERR_WEBEID_VERSION_MISMATCH');
    assert.deepEqual(web.error.requiresUpdate, { extension: true, nativeApp: false });
    const kb = last(await raw(page, { action: 'keybridge:status', options: { lang: 'zh-CN' } }));
    assert.equal(kb.error.code, 'VERSION_MISMATCH');
    assert.match(kb.error.message, /请更新 KeyBridge 浏览器扩展/);
    await page.close();
  } finally {
    registerHost(udd, agentHost, extension.id);
  }
});

test('with the host manifest removed the page gets NATIVE_UNAVAILABLE saying how to install', async () => {
  await agentPortClosed();
  rmSync(hostManifest);
  try {
    const page = await open(originA);
    const web = last(await raw(page, { action: 'web-eid:status', libraryVersion: '2.0.0' }));
    assert.equal(web.error.code, 'ERR_WEBEID_NATIVE_UNAVAILABLE');
    const kb = last(await raw(page, { action: 'keybridge:status' }));
    assert.equal(kb.error.code, 'NATIVE_UNAVAILABLE');
    assert.match(kb.error.message, /install-native-host/);
    const client = await page.evaluate(() => { window.keybridge.configure({ transport: 'extension' }); return window.kbCall('status'); });
    assert.equal(client.error.code, 'NATIVE_UNAVAILABLE');
    await page.close();
  } finally {
    registerHost(udd, agentHost, extension.id);
  }
});
