// Content script (a classic script: manifest content scripts cannot be ES modules). It only relays: a page's
// request (window.postMessage from the page's own window) is acknowledged at once, before any native work, and
// passed to the service worker, which decides everything else from the origin the browser reports.
(() => {
  'use strict';
  // the same list as protocol.js ACTIONS (a test keeps them equal)
  const ACTIONS = new Set([
    'web-eid:status', 'web-eid:authenticate', 'web-eid:get-signing-certificate', 'web-eid:sign',
    'keybridge:status', 'keybridge:certificates', 'keybridge:authenticate', 'keybridge:bind-certificate',
    'keybridge:events',
  ]);
  const REPLY = /^(.*)-(success|failure)$/;
  const target = location.origin && location.origin !== 'null' ? location.origin : '*';
  const toPage = (m) => window.postMessage(m, target);
  const inFlight = new Map(); // action → the request, until its final reply passes
  let port = null;

  // lets the portal client choose this path before its first request (any page script runs after this)
  document.documentElement?.setAttribute('data-keybridge-extension', chrome.runtime.getManifest().version);

  function connect() {
    port = chrome.runtime.connect({ name: 'keybridge-page' });
    port.onMessage.addListener((reply) => {
      const m = REPLY.exec(reply?.action || '');
      if (m) inFlight.delete(m[1]);
      toPage(reply);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      for (const [action, req] of inFlight) {
        const webEid = action.startsWith('web-eid:');
        const reply = { action: `${action}-failure`, error: { code: webEid ? 'ERR_WEBEID_UNKNOWN_ERROR' : 'NATIVE_UNAVAILABLE', message: 'The KeyBridge extension was restarted; reload the page.' } };
        if (!webEid && req.requestId !== undefined) reply.requestId = req.requestId;
        toPage(reply);
      }
      inFlight.clear();
    });
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window) return; // only the page itself, never another frame or window
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || !ACTIONS.has(msg.action)) return; // our own replies land here too
    const ack = { action: `${msg.action}-ack` };
    if (msg.requestId !== undefined) ack.requestId = msg.requestId;
    toPage(ack);
    if (!inFlight.has(msg.action)) inFlight.set(msg.action, msg);
    try {
      if (!port) connect();
      port.postMessage(msg);
    } catch (e) {
      port = null;
    }
  });
})();
