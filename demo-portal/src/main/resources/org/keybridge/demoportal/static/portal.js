// Small helpers the portal's page scripts share, and the KeyBridge client they use: browser-extension/client/
// keybridge.js (served as /static/keybridge.js), through the extension when it is installed, else the agent's
// localhost bridge at the address the portal was told (<body data-agent>).
import * as keybridge from './keybridge.js';

keybridge.configure({ bridgeUrl: document.body.dataset.agent });
export { keybridge };

/** What to pass the agent: the page's language, for its dialog and its messages. */
export const agentOptions = () => ({ lang: document.body.dataset.lang });

/** A text of the page's language, from <div id="texts" data-…>; {0} replaced by arg. */
export function text(name, arg) {
  const t = document.getElementById('texts').dataset[name] ?? name;
  return arg === undefined ? t : t.replace('{0}', arg);
}

/** A fresh challenge nonce of this session for 'login' or 'bind'. */
export async function challenge(purpose) {
  const r = await fetch(`/api/challenge?purpose=${purpose}`, {
    method: 'POST',
    headers: { 'X-CSRF-Token': document.body.dataset.csrf },
    credentials: 'same-origin',
  });
  if (!r.ok) throw new Error(`challenge: HTTP ${r.status}`);
  return (await r.json()).nonce;
}

/** Fills the hidden form's fields and submits it (the server answers with the next page). */
export function submit(formId, fields) {
  const form = document.getElementById(formId);
  for (const [name, value] of Object.entries(fields)) form.elements[name].value = value;
  form.submit();
}

/** Shows a status line; kind 'error' marks it as a failure (with the agent's code in data-code). */
export function status(message, kind = 'info', code = '') {
  const el = document.getElementById('status');
  el.textContent = message;
  el.className = `status ${kind}`;
  el.dataset.code = code;
}

/** The message to show for an agent error: its own (already in the page's language), or "agent missing". */
export function agentMessage(e) {
  return e.code === 'NATIVE_UNAVAILABLE' ? text('agentMissing') : e.message;
}
