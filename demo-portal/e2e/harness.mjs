// The demo story's test bed, reusable by other browser tests (e.g. the extension path): real demo keys (SoftHSM), the
// real agent (bin/keybridge serve, PIN file, a free port), the real demo portal (bin/demo-portal, a free port), and
// Debian's headless Chromium driven by playwright-core, each browser with a fresh profile in a temp directory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const USCC = '91440300MA5KBD018E';

/** Flags for a test browser (README, testbed.md §5): no first-run, sync, updates or background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function log(...a) { console.log(`[harness ${new Date().toISOString().slice(11, 23)}]`, ...a); }

/** Runs a command to its end; throws with its output when it fails. */
function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Starts a long-running command and waits for a stdout line matching `ready`; its output goes to `logFile`. */
function start(cmd, args, ready, logFile, timeoutMs = 60000) {
  const proc = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = fs.createWriteStream(logFile);
  proc.stderr.pipe(out);
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => { proc.kill('SIGTERM'); reject(new Error(`${cmd}: not ready after ${timeoutMs} ms; see ${logFile}`)); }, timeoutMs);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${cmd} exited with ${code}; see ${logFile}`)); });
    proc.stdout.on('data', (chunk) => {
      out.write(chunk);
      buffer += chunk;
      const m = buffer.match(ready);
      if (m) { clearTimeout(timer); proc.removeAllListeners('exit'); resolve({ proc, match: m }); }
    });
  });
}

async function stopProcess(p) {
  if (!p || p.exitCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  if (p.exitCode === null) p.kill('SIGKILL');
}

/** A port free right now on the loopback address (the agent must allow the portal's origin before it starts). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** The tax-CA key the story binds: SoftHSM's EC P-256 地税CA, or (sm2) 地税CA-SM2 on the software UKey (SKF). */
export const TAX_KEYS = {
  softhsm: { label: '地税CA', issuer: 'Demo Tax CA', pem: 'pki/tax-login.pem', algorithm: 'ES256' },
  sm2: { label: '地税CA-SM2', issuer: 'Demo SM2 Tax CA', pem: 'pki/sm2-tax-login.pem', algorithm: 'SM2SM3' },
};

/**
 * The tax-CA key's simulated USB port (bin/demo-portal prepare-keys): the fault-injecting module's control file in
 * front of SoftHSM, or the software UKey's own way, its device directory moved out of its store and back (rename(2):
 * the UKey sees device.txt appear or vanish at once; its SKF_WaitForDevEvent reports it within 100 ms).
 */
function usbPort(demoDir, sm2) {
  if (!sm2) {
    const control = path.join(demoDir, 'softhsm-tax/usb-port.control');
    return { insert: () => fs.writeFileSync(control, 'REMOVED=0\n'), remove: () => fs.writeFileSync(control, 'REMOVED=1\n') };
  }
  const plugged = path.join(demoDir, 'skfsoft/ukey-1'), unplugged = path.join(demoDir, 'skfsoft-unplugged/ukey-1');
  return {
    insert: () => { if (fs.existsSync(unplugged)) fs.renameSync(unplugged, plugged); },
    remove: () => { if (fs.existsSync(plugged)) fs.renameSync(plugged, unplugged); },
  };
}

/**
 * Demo keys in a fresh directory (the tax-CA key starts pulled out), the agent, the portal. With `sm2` the tax-CA key
 * is the SM2 one on the software UKey (demo-keys --sm2, prepare-keys --sm2) and SoftHSM's 地税CA is absent.
 * Returns {dir, demoDir, agentUrl, portalUrl, taxKey, insertTaxKey(), removeTaxKey(), browser(opts), stop()}.
 */
export async function startDemo({ workDir, sm2 = false } = {}) {
  const dir = workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keybridge-e2e-'));
  const demoDir = path.join(dir, 'demo');
  log('demo keys in', demoDir, sm2 ? '(SM2 tax-CA key on the software UKey)' : '');
  run('bin/keybridge', ['demo-keys', '--dir', demoDir, ...(sm2 ? ['--sm2'] : [])]);
  run('bin/demo-portal', ['prepare-keys', '--demo-dir', demoDir, ...(sm2 ? ['--sm2'] : [])]);
  const port = usbPort(demoDir, sm2);
  const portalPort = await freePort();
  const agent = await start('bin/keybridge', ['--config', path.join(demoDir, 'config.json'), 'serve', '--port', '0',
    '--allow-origin', `http://localhost:${portalPort}`, '--pin-file', path.join(demoDir, 'pins.json')], /listening on (http:\/\/127\.0\.0\.1:(\d+))/, path.join(dir, 'agent.log'));
  const agentUrl = agent.match[1];
  log('agent', agentUrl);
  let portal;
  try {
    portal = await start('bin/demo-portal', ['serve', '--demo-dir', demoDir, '--port', String(portalPort), '--agent-port', agent.match[2]],
      /demo portal on (http:\/\/localhost:\d+)\//, path.join(dir, 'portal.log'));
  } catch (e) {
    await stopProcess(agent.proc);
    throw e;
  }
  const portalUrl = portal.match[1];
  log('portal', portalUrl);
  const browsers = [];
  return {
    dir, demoDir, agentUrl, portalUrl,
    /** Which tax-CA key the story binds ({label, issuer, pem, algorithm}: TAX_KEYS). */
    taxKey: TAX_KEYS[sm2 ? 'sm2' : 'softhsm'],
    /** The simulated USB port of the tax-CA key (the agent sees the change within its 1 s poll, or the SKF event). */
    insertTaxKey: port.insert,
    removeTaxKey: port.remove,
    /** The agent's certificates list (as the portal's page would get it). */
    async agentCertificates() {
      const r = await fetch(`${agentUrl}/v1/certificates`, { method: 'POST', body: '{}',
        headers: { Origin: portalUrl, 'Content-Type': 'application/json', 'X-KeyBridge': '1' } });
      return (await r.json()).certificates;
    },
    /** Waits until the agent lists (or no longer lists) a token, then one watcher poll more (logins use its list). */
    async waitForToken(label, present, timeoutMs = 15000) {
      const end = Date.now() + timeoutMs;
      while ((await this.agentCertificates()).some((c) => c.tokenLabel === label) !== present) {
        if (Date.now() > end) throw new Error(`${label} still ${present ? 'absent' : 'present'} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 1200));
    },
    /** Options every browser() gets (e.g. the extension path: {extensionDir, prepareProfile}). */
    browserDefaults: {},
    /** A headless Chromium with a fresh profile; opts: {locale, args, extensionDir}. Returns {context, page}. */
    async browser(opts = {}) {
      const b = await openBrowser({ ...this.browserDefaults, ...opts, userDataDir: fs.mkdtempSync(path.join(dir, 'chromium-')) });
      browsers.push(b.context);
      return b;
    },
    /** Stops the browsers, the portal and the agent; removes the temp directory unless `keep` (or given workDir). */
    async stop({ keep = false } = {}) {
      for (const c of browsers) await c.close().catch(() => {});
      await stopProcess(portal.proc);
      await stopProcess(agent.proc);
      if (keep || workDir) log('kept', dir);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, with its own profile directory; an unpacked extension when `extensionDir` is given;
 * `prepareProfile(userDataDir)` runs before the launch (e.g. to register a native-messaging host in the profile).
 */
export async function openBrowser({ userDataDir, locale = 'zh-CN', args = [], extensionDir, prepareProfile } = {}) {
  await prepareProfile?.(userDataDir);
  const ext = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    viewport: { width: 1100, height: 820 },
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    args: ['--headless=new', ...CHROMIUM_ARGS, ...ext, ...args],
  });
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page };
}

const BUNDLES = {
  portal: 'demo-portal/src/main/resources/org/keybridge/demoportal/messages',
  'portal-kit': 'portal-kit/src/main/resources/org/keybridge/portal/messages',
};

/**
 * Texts of one language from a message bundle: the demo portal's pages ('portal') or portal-kit's refusals
 * ('portal-kit', keys code.<CODE>). The bundles without a suffix are English.
 */
export function texts(lang, bundle = 'portal') {
  const suffix = { 'zh-CN': '_zh_CN', en: '', es: '_es' }[lang];
  const file = path.join(ROOT, `${BUNDLES[bundle]}${suffix}.properties`);
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^([a-zA-Z_.]+)=(.*)$/);
    if (!m) continue;
    const value = m[2].replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    out[m[1]] = bundle === 'portal-kit' ? value.replace(/''/g, "'") : value; // portal-kit formats every text
  }
  return out;
}
