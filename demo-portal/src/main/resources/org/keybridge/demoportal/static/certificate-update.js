// "Update CA certificate": wait for a key with a valid certificate of this company (the agent's events say when a
// key comes or goes), then bind it: BIND nonce from the portal, token from the agent (its dialog asks the PIN and
// says the key will be bound), token to the portal.
import { agentMessage, agentOptions, challenge, keybridge, status, submit, text } from './portal.js';

const uscc = text('uscc');
const keyStatus = document.getElementById('key-status');
const keys = document.getElementById('keys');
const bind = document.getElementById('bind');

function item(c) {
  const li = document.createElement('li');
  if (!c) {
    li.className = 'none';
    li.textContent = text('none');
  } else {
    li.className = c.status === 'VALID' || c.status === 'EXPIRING_SOON' ? 'good' : 'bad';
    li.textContent = `${c.tokenLabel}: ${c.statusMessage}`;
  }
  return li;
}

async function look() {
  let list;
  try {
    list = await keybridge.certificates(agentOptions());
  } catch (e) {
    keyStatus.textContent = agentMessage(e);
    keyStatus.dataset.state = 'error';
    return;
  }
  keys.replaceChildren(...(list.length ? list : [null]).map(item));
  const usable = list.filter((c) => (c.status === 'VALID' || c.status === 'EXPIRING_SOON') && c.uscc === uscc);
  keyStatus.textContent = usable.length ? text('detected', usable.map((c) => c.tokenLabel).join(', ')) : text('waiting');
  keyStatus.dataset.state = usable.length ? 'detected' : 'waiting';
  bind.disabled = usable.length === 0;
}

// No polling: the keys are read once now and again on each of the agent's key events.
keybridge.onEvent((e) => {
  if (e.type === 'token-inserted' || e.type === 'token-removed') look();
});
look();

bind.addEventListener('click', async () => {
  bind.disabled = true;
  status(text('working'));
  try {
    const nonce = await challenge('bind');
    const token = await keybridge.bindCertificate(nonce, agentOptions());
    submit('bind-form', { nonce, token: JSON.stringify(token) });
  } catch (e) {
    status(agentMessage(e), 'error', e.code ?? '');
    bind.disabled = false;
  }
});
