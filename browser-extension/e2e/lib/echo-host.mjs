#!/usr/bin/env node
// A bare native-messaging host: the bench's baseline and the version-mismatch test's stand-in agent. It says
// {"version": ECHO_VERSION or "0.1.0"} first, then answers every request {id, command} with {id, result: {echo}} at
// once — no JVM, no PKCS#11, so page → extension → host → page costs only the browser's own hops.
const version = process.env.ECHO_VERSION || '0.1.0';

function send(obj) {
  const body = Buffer.from(JSON.stringify(obj), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0); // native order: little-endian on x86-64 and ARM64
  process.stdout.write(Buffer.concat([head, body]));
}

send({ version });
let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  while (buffer.length >= 4) {
    const n = buffer.readUInt32LE(0);
    if (buffer.length < 4 + n) break;
    const msg = JSON.parse(buffer.subarray(4, 4 + n).toString('utf8'));
    buffer = buffer.subarray(4 + n);
    send({ id: msg.id, result: { echo: msg.command, version, protocol: 1, tokens: [], modules: [] } });
  }
});
process.stdin.on('end', () => process.exit(0));
