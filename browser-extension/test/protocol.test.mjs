import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, access } from 'node:fs/promises';
import { ACTIONS, validateRequest, ackFor } from '../extension/protocol.js';

const EXPECTED_ACTIONS = [
  'web-eid:status',
  'web-eid:authenticate',
  'web-eid:get-signing-certificate',
  'web-eid:sign',
  'keybridge:status',
  'keybridge:certificates',
  'keybridge:authenticate',
  'keybridge:bind-certificate',
  'keybridge:events',
];

test('every known action is accepted', () => {
  for (const action of EXPECTED_ACTIONS) {
    assert.deepEqual(validateRequest({ action }), { ok: true }, action);
  }
});

test('the exported action list is exactly the known actions', () => {
  assert.deepEqual([...ACTIONS].sort(), [...EXPECTED_ACTIONS].sort());
});

test('extra fields do not make a known action invalid', () => {
  assert.deepEqual(validateRequest({ action: 'web-eid:authenticate', challengeNonce: 'x'.repeat(44) }), { ok: true });
});

test('a request without action is missing a parameter', () => {
  for (const msg of [{}, { action: undefined }, { action: null }, { challengeNonce: 'abc' }]) {
    assert.deepEqual(validateRequest(msg), { ok: false, code: 'MISSING_PARAMETER' }, JSON.stringify(msg));
  }
});

test('unknown or near-miss actions are bad requests', () => {
  for (const action of ['web-eid:unknown', 'WEB-EID:STATUS', 'web-eid:status ', 'keybridge:status-ack', '', 'status']) {
    assert.deepEqual(validateRequest({ action }), { ok: false, code: 'BAD_REQUEST' }, action);
  }
});

test('non-string actions are bad requests', () => {
  for (const action of [42, true, ['web-eid:status'], { name: 'web-eid:status' }]) {
    assert.deepEqual(validateRequest({ action }), { ok: false, code: 'BAD_REQUEST' }, String(action));
  }
});

test('non-objects are bad requests', () => {
  for (const msg of [undefined, null, 'web-eid:status', 7, [], [{ action: 'web-eid:status' }]]) {
    assert.deepEqual(validateRequest(msg), { ok: false, code: 'BAD_REQUEST' }, String(msg));
  }
});

test('an inherited action is not accepted', () => {
  const msg = Object.create({ action: 'web-eid:status' });
  assert.deepEqual(validateRequest(msg), { ok: false, code: 'MISSING_PARAMETER' });
});

test('the acknowledgement appends -ack to the action', () => {
  for (const action of EXPECTED_ACTIONS) {
    assert.deepEqual(ackFor(action), { action: `${action}-ack` });
  }
});

test('the manifest is Manifest V3 and names files that exist', async () => {
  const dir = new URL('../extension/', import.meta.url);
  const manifest = JSON.parse(await readFile(new URL('manifest.json', dir), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.name, 'KeyBridge');
  assert.equal(manifest.version, '0.1.0');
  assert.deepEqual(manifest.permissions, ['nativeMessaging']);
  assert.deepEqual(manifest.background, { service_worker: 'service-worker.js', type: 'module' });
  assert.equal(manifest.content_scripts.length, 1);
  const [script] = manifest.content_scripts;
  assert.deepEqual(script.matches, ['https://*/*'], 'release builds serve https pages only');
  assert.equal(script.run_at, 'document_start');
  assert.deepEqual(script.js, ['content-script.js']);
  for (const file of [manifest.background.service_worker, ...script.js]) {
    await access(new URL(file, dir));
  }
});

test('the service worker loads and exposes the protocol actions', async () => {
  const worker = await import('../extension/service-worker.js');
  assert.deepEqual(worker.SUPPORTED_ACTIONS, ACTIONS);
});

test('the content script is a classic script without import statements', async () => {
  const source = await readFile(new URL('../extension/content-script.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s/m);
});
