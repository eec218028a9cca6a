// The KeyBridge agent as the portal pages use it: its localhost bridge (README "Localhost bridge"), with the same
// names as the JS client of browser-extension/client (authenticate, bindCertificate, certificates, onEvent).
// The agent's address comes from the page (<body data-agent>): the portal was told the agent's port.

const base = () => document.body.dataset.agent;
const lang = () => document.body.dataset.lang;

/** An agent error: code is KeyBridge's (CERTIFICATE_EXPIRED, PIN_CANCELLED, ...), or NATIVE_UNAVAILABLE when unreachable. */
export class AgentError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'AgentError';
    this.code = code;
    Object.assign(this, details);
  }
}

async function call(operation, body) {
  let response;
  try {
    response = await fetch(`${base()}/v1/${operation}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-KeyBridge': '1' },
      body: JSON.stringify({ ...body, lang: lang() }),
    });
  } catch (e) {
    throw new AgentError('NATIVE_UNAVAILABLE', String(e));
  }
  const answer = await response.json();
  if (answer.error) {
    const { code, message, ...details } = answer.error;
    throw new AgentError(code, message, details);
  }
  return answer;
}

/** The login token for this nonce: {unverifiedCertificate, algorithm, signature, format, appVersion}. */
export const authenticate = (challengeNonce) => call('authenticate', { challengeNonce });

/** The token of the certificate the user picks to bind (same shape). */
export const bindCertificate = (challengeNonce) => call('bind-certificate', { challengeNonce });

/** {certificates: [{id, tokenLabel, subject, issuer, notAfter, status, statusMessage, uscc, ...}]} */
export const certificates = () => call('certificates', {});

/**
 * Calls fn({type, ...data}) for token-inserted, token-removed and certificate-expiring, and fn({type: 'open'}) each
 * time the event stream (re)connects. Returns a function that stops listening.
 */
export function onEvent(fn) {
  const es = new EventSource(`${base()}/v1/events`);
  es.addEventListener('open', () => fn({ type: 'open' }));
  for (const type of ['token-inserted', 'token-removed', 'certificate-expiring']) {
    es.addEventListener(type, (e) => fn({ type, ...JSON.parse(e.data) }));
  }
  return () => es.close();
}
