// "Log in with CA certificate": nonce from the portal, token from the agent (it asks the PIN), token to the portal.
// The agent's CERTIFICATE_EXPIRED carries the certificate: the portal explains it on the next page.
import { agentMessage, agentOptions, challenge, keybridge, status, submit, text } from './portal.js';

const start = document.getElementById('start');
start.addEventListener('click', async () => {
  start.disabled = true;
  status(text('working'));
  try {
    const nonce = await challenge('login');
    const token = await keybridge.authenticate(nonce, agentOptions());
    submit('token-form', { nonce, token: JSON.stringify(token) });
  } catch (e) {
    if (e.code === 'CERTIFICATE_EXPIRED' && e.certificate) {
      submit('expired-form', { certificate: e.certificate.certificate, tokenLabel: e.certificate.tokenLabel ?? '' });
      return;
    }
    status(agentMessage(e), 'error', e.code ?? '');
    start.disabled = false;
  }
});
