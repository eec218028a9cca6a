// What the browser E2E tests and the bench share: the dev build of the extension, demo keys and the real agent as
// native-messaging host (registered in a throw-away Chromium profile only), headless Chromium through playwright-core,
// and test pages served on loopback.
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, chmodSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate, verify as cryptoVerify } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../scripts/build.mjs';

export const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO = path.resolve(MODULE_DIR, '..');
export const KEYBRIDGE = path.join(REPO, 'bin', 'keybridge');
export const CHROMIUM = process.env.KEYBRIDGE_CHROMIUM || '/usr/bin/chromium';
export const HOST_NAME = 'org.keybridge.agent';

/** Why the browser tests cannot run here, or null. */
export function missingPrerequisite() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (scripts/setup.sh installs it)`;
  if (!existsSync(path.join(REPO, 'bridge-agent', 'target', 'classes'))) return 'the agent is not built (mvn package)';
  return null;
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Builds the packages and returns the dev variant's directory and the pinned id. */
export async function devExtension() {
  const { id } = await build();
  return { dir: path.join(MODULE_DIR, 'target', 'chrome-dev'), id };
}

/**
 * Demo keys in `dir` (bin/keybridge demo-keys) and a configuration allowing exactly `origins` in dev mode.
 * Returns {config, pins, dir}.
 */
export function demoKeys(dir, origins) {
  execFileSync(KEYBRIDGE, ['demo-keys', '--dir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  config.allowedOrigins = origins;
  config.devMode = true;
  const file = path.join(dir, 'e2e-config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, config: file, pins: path.join(dir, 'pins.json') };
}

/** A wrapper script as host `path` (a manifest cannot carry arguments). */
export function hostScript(file, command) {
  writeFileSync(file, `#!/bin/sh\nexec ${command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The agent as host: bin/keybridge --config C native-host --pin-file P. */
export function agentHostScript(file, demo) {
  return hostScript(file, [KEYBRIDGE, '--config', demo.config, 'native-host', '--pin-file', demo.pins]);
}

/** Writes <udd>/NativeMessagingHosts/org.keybridge.agent.json for `extensionId`; returns its path. */
export function registerHost(udd, hostPath, extensionId, name = HOST_NAME) {
  const dir = path.join(udd, 'NativeMessagingHosts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    name, description: 'KeyBridge E2E host', path: hostPath, type: 'stdio',
    allowed_origins: [`chrome-extension://${extensionId}/`],
  }, null, 2));
  return file;
}

/** Headless Chromium with a fresh profile in `udd` and the unpacked extension `extDir` (testbed.md §5). */
export async function launch(udd, extDir) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'], // Playwright's default would silently drop the extension
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15000 });
  return { context, worker };
}

/** A static server on 127.0.0.1 (port 0): `files` maps URL paths to {type, body}. Returns {port, close}. */
export async function serve(files) {
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': f.type, 'Cache-Control': 'no-store' });
    res.end(f.body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/** The test page: raw page-protocol calls (window.kbRaw) and the portal client (window.keybridge). */
export function testPages() {
  const page = `<!doctype html><meta charset="utf-8"><title>KeyBridge E2E</title>
<script>
// one raw request over the page protocol: resolves with every reply for its action (ack, then success/failure);
// with a requestId, only the replies that echo it
window.kbRaw = (msg, waitMs = 60000) => new Promise((resolve) => {
  const replies = [];
  const t0 = performance.now();
  const h = (ev) => {
    if (ev.source !== window || !ev.data || typeof ev.data.action !== 'string') return;
    if (!ev.data.action.startsWith(msg.action + '-')) return;
    if (msg.requestId !== undefined && ev.data.requestId !== msg.requestId) return;
    replies.push({ ...ev.data, at: Math.round(performance.now() - t0) });
    if (/-(success|failure)$/.test(ev.data.action)) { window.removeEventListener('message', h); resolve(replies); }
  };
  window.addEventListener('message', h);
  window.postMessage(msg, '*');
  setTimeout(() => { window.removeEventListener('message', h); resolve(replies); }, waitMs);
});
</script>
<script type="module">
import * as keybridge from '/keybridge.js';
window.keybridge = keybridge;
window.kbCall = async (name, ...args) => {
  try { return { ok: await keybridge[name](...args) }; }
  catch (e) { return { error: { code: e.code, message: e.message, transport: e.transport } }; }
};
document.title = 'ready';
</script>`;
  return {
    '/': { type: 'text/html; charset=utf-8', body: page },
    '/keybridge.js': { type: 'text/javascript', body: readFileSync(path.join(MODULE_DIR, 'client', 'keybridge.js')) },
  };
}

/** A base64 nonce of 32 random bytes (44 characters), as a portal issues. */
export function nonce() {
  return randomBytes(32).toString('base64');
}

const HASH = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', RS256: 'sha256', RS384: 'sha384', RS512: 'sha512',
  PS256: 'sha256', PS384: 'sha384', PS512: 'sha512' };

/** Verifies a login token over H(origin) ‖ H(nonce) with the certificate it carries (ECDSA raw r‖s). */
export function verifyToken(token, origin, challengeNonce) {
  const h = HASH[token.algorithm];
  if (!h) throw new Error(`unknown algorithm ${token.algorithm}`);
  const data = Buffer.concat([createHash(h).update(origin, 'utf8').digest(), createHash(h).update(challengeNonce, 'utf8').digest()]);
  const cert = new X509Certificate(Buffer.from(token.unverifiedCertificate, 'base64'));
  const key = { key: cert.publicKey };
  if (token.algorithm.startsWith('ES')) key.dsaEncoding = 'ieee-p1363';
  if (token.algorithm.startsWith('PS')) Object.assign(key, { padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: createHash(h).digest().length });
  return { ok: cryptoVerify(h, data, key, Buffer.from(token.signature, 'base64')), subject: cert.subject };
}

export function removeQuietly(dir) {
  try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
}
