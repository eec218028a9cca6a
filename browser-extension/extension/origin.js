// The sending page's origin, from what the browser reports about the sender — never from the page's message.

/** The origin of a runtime.Port's sender (sender.origin, else the URL of the frame, else the tab's); null if none. */
export function senderOrigin(sender) {
  if (!sender) return null;
  if (typeof sender.origin === 'string' && sender.origin !== 'null') return sender.origin;
  for (const url of [sender.url, sender.tab?.url]) {
    if (typeof url !== 'string') continue;
    try {
      const o = new URL(url).origin;
      if (o && o !== 'null') return o;
    } catch { /* not a URL */ }
  }
  return null;
}

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** Pages the extension serves: https origins; http://localhost and http://127.0.0.1 only in a dev build. */
export function secureOrigin(origin, devBuild) {
  if (typeof origin !== 'string') return false;
  if (/^https:\/\/[^/?#]+$/.test(origin)) return true;
  return Boolean(devBuild) && LOOPBACK.test(origin);
}
