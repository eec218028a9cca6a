// "Update CA certificate": wait for a key with a valid certificate of this company (the agent's events say when a
// key comes or goes), then bind it: BIND nonce from the portal, token from the agent (its dialog asks the PIN and
// says the key will be bound), token to the portal.
import { bindCertificate, certificates, onEvent } from './agent.js';
import { agentMessage, challenge, status, submit, text } from './portal.js';

const uscc = text('uscc');
const keyStatus = document.getElementById('key-status');
const keys = document.getElementById('keys');
const bind = document.getElementById('bind');

async function look() {
  let list;
  try {
    list = (await certificates()).certificates;
  } catch (e) {
    keyStatus.textContent = agentMessage(e);
    keyStatus.dataset.state = 'error';
    return;
  }
  keys.replaceChildren(...(list.length ? list : [null]).map((c) => {
    const li = document.createElement('li');
    if (!c) {
      li.className = 'none';
      li.textContent = text('none');
    } else {
      li.className = c.status === 'VALID' || c.status === 'EXPIRING_SOON' ? 'good' : 'bad';
      li.textContent = `${c.tokenLabel}: ${c.statusMessage}`;
    }
    return li;
  }));
  const usable = list.filter((c) => (c.status === 'VALID' || c.status === 'EXPIRING_SOON') && c.uscc === uscc);
  if (usable.length) {
    keyStatus.textContent = text('detected', usable.map((c) => c.tokenLabel).join(', '));
    keyStatus.dataset.state = 'detected';
    bind.disabled = false;
  } else {
    keyStatus.textContent = text('waiting');
    keyStatus.dataset.state = 'waiting';
    bind.disabled = true;
  }
}

// No polling: the list is read when the event stream opens and again on each key event.
onEvent((e) => {
  if (e.type === 'open' || e.type === 'token-inserted' || e.type === 'token-removed') look();
});

bind.addEventListener('click', async () => {
  bind.disabled = true;
  status(text('working'));
  try {
    const nonce = await challenge('bind');
    const token = await bindCertificate(nonce);
    submit('bind-form', { nonce, token: JSON.stringify(token) });
  } catch (e) {
    status(agentMessage(e), 'error', e.code ?? '');
    bind.disabled = false;
  }
});
