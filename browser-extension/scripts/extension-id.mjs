// Chromium's extension id for a manifest "key": SHA-256 of the DER public key, first 32 hex digits, 0-f → a-p.
import { createHash } from 'node:crypto';

export function extensionId(base64Key) {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
