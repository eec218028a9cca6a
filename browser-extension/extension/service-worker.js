// Background service worker: one PageChannel per content-script port; one native port to the agent for them all.
// The origin is what the browser says about the sender (port.sender), never what the page writes.
import { ACTIONS } from './protocol.js';
import { DEV_BUILD, HOST_NAME, TIMEOUTS } from './config.js';
import { senderOrigin } from './origin.js';
import { NativeSession } from './native-session.js';
import { PageChannel } from './page-channel.js';
import { NativeHub } from './native-hub.js';

export const SUPPORTED_ACTIONS = ACTIONS;

/** Wires the channels to a browser's runtime API (`chrome` in Chromium and Firefox). */
export function install(runtime) {
  const version = runtime.getManifest().version;
  const hub = new NativeHub(({ onEvent, onClose }) => new NativeSession({
    connect: () => runtime.connectNative(HOST_NAME),
    lastError: (p) => p?.error?.message ?? runtime.lastError?.message,
    extensionVersion: version,
    helloTimeout: TIMEOUTS.hello,
    onEvent,
    onClose,
  }), TIMEOUTS.linger);
  runtime.onConnect.addListener((port) => {
    if (port.name !== 'keybridge-page' || port.sender?.id !== runtime.id) {
      port.disconnect();
      return;
    }
    const channel = new PageChannel({
      origin: senderOrigin(port.sender),
      post: (reply) => { try { port.postMessage(reply); } catch { /* the page went away */ } },
      hub,
      devBuild: DEV_BUILD,
      extensionVersion: version,
      timeouts: TIMEOUTS,
      defaultLang: globalThis.navigator?.language,
    });
    port.onMessage.addListener((msg) => channel.handle(msg));
    port.onDisconnect.addListener(() => channel.close());
  });
}

if (globalThis.chrome?.runtime?.onConnect) install(globalThis.chrome.runtime);
