// Bench: round trip of `status` page → extension → agent → page (keybridge:status over window.postMessage, the dev
// build, the real agent as native host on the SoftHSM demo keys), against the same round trip to a bare
// native-messaging echo host (lib/echo-host.mjs) in a second headless Chromium started alongside. Rounds alternate
// between the two so that the machine's drift hits both alike. Prints bench rows {name, unit, value, baseline, ratio};
// `bin/keybridge bench` runs it with --json.
//   node e2e/bench.mjs [--json] [--rounds N] [--calls M]
import path from 'node:path';
import {
  missingPrerequisite, tempDir, devExtension, demoKeys, agentHostScript, hostScript, registerHost, launch, serve,
  testPages, removeQuietly, MODULE_DIR,
} from './lib/harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : fallback; };
const json = argv.includes('--json');
const rounds = opt('--rounds', 5);
const calls = opt('--calls', 50);
const log = (...a) => { if (!json) console.error(...a); };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round3 = (x) => Math.round(x * 1000) / 1000;

async function side(name, tmp, server, extension, host) {
  const udd = path.join(tmp, `profile-${name}`);
  registerHost(udd, host, extension.id);
  const browser = await launch(udd, extension.dir);
  const page = await browser.context.newPage();
  await page.goto(`http://localhost:${server.port}/`);
  await page.waitForFunction(() => document.title === 'ready');
  const first = await page.evaluate(() => window.kbRaw({ action: 'keybridge:status', requestId: 'warm' }));
  const reply = first[first.length - 1];
  if (reply?.action !== 'keybridge:status-success') throw new Error(`${name}: status failed: ${JSON.stringify(reply)}`);
  return { browser, page };
}

/** Median ms of `n` sequential keybridge:status round trips, timed in the page. */
function measure(page, n) {
  return page.evaluate(async (count) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const replies = await window.kbRaw({ action: 'keybridge:status', requestId: `b${i}` });
      if (!replies.length || !replies[replies.length - 1].action.endsWith('-success')) throw new Error('status failed');
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times.length % 2 ? times[times.length >> 1] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  }, n);
}

async function main() {
  const problem = missingPrerequisite();
  if (problem) throw new Error(problem);
  const tmp = tempDir('keybridge-ext-bench-');
  const server = await serve(testPages());
  const sides = [];
  try {
    const origin = `http://localhost:${server.port}`;
    const demo = demoKeys(path.join(tmp, 'demo'), [origin]);
    const extension = await devExtension();
    const agentHost = agentHostScript(path.join(tmp, 'agent-host'), demo);
    const echoHost = hostScript(path.join(tmp, 'echo-host'), [process.execPath, path.join(MODULE_DIR, 'e2e', 'lib', 'echo-host.mjs')]);
    const [agent, echo] = await Promise.all([
      side('agent', tmp, server, extension, agentHost),
      side('echo', tmp, server, extension, echoHost),
    ]);
    sides.push(agent, echo);
    await measure(agent.page, calls); // warm-up: the agent's JIT and the browsers' code paths
    await measure(echo.page, calls);
    const value = []; const base = []; const ratio = [];
    for (let r = 0; r < rounds; r++) {
      base.push(await measure(echo.page, calls));
      value.push(await measure(agent.page, calls));
      ratio.push(value[r] / base[r]);
      log(`  extension.status.roundtrip round ${r + 1}: agent ${value[r].toFixed(2)} ms, echo host ${base[r].toFixed(2)} ms, ratio ${ratio[r].toFixed(3)}`);
    }
    const rows = [{ name: 'extension.status.roundtrip', unit: 'ms', value: round3(median(value)), baseline: round3(median(base)), ratio: round3(median(ratio)) }];
    if (json) console.log(JSON.stringify(rows));
    else {
      for (const r of rows) console.log(`${r.name.padEnd(30)} ${r.value.toFixed(3).padStart(10)} ${r.baseline.toFixed(3).padStart(10)} ${r.ratio.toFixed(3).padStart(7)}x  ${r.unit}`);
      console.log(`(median of ${rounds} alternating rounds of ${calls} sequential calls each; baseline: the same page and extension with a bare node echo host)`);
    }
  } finally {
    for (const s of sides) await s.browser.context.close().catch(() => {});
    await server.close();
    removeQuietly(tmp);
  }
}

main().catch((e) => { console.error(`extension bench failed: ${e.message}`); process.exit(1); });
