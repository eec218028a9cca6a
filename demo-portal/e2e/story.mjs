// The employer's story (issue 4) in headless Chromium against the real agent and demo keys: steps 1-5 walked in one
// language with a screenshot per step, then every page's texts checked in the other languages.
//   node demo-portal/e2e/story.mjs [--lang zh-CN] [--out DIR] [--via bridge|extension] [--key softhsm|sm2]
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, USCC, startDemo, texts } from './harness.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const LANG = arg('--lang', 'zh-CN');
// 'bridge': the page reaches bin/keybridge serve; 'extension': the KeyBridge extension (dev build) and the agent as
// its native-messaging host (browser-extension/e2e/lib/via-extension.mjs), the bridge left unused
const VIA = arg('--via', 'bridge');
// the tax-CA key of steps 3-4: 'softhsm' (EC P-256 地税CA in SoftHSM) or 'sm2' (地税CA-SM2 on the software UKey, SKF)
const KEY = arg('--key', 'softhsm');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'demo-portal/target/e2e')));
const NEW_PASSWORD = 'Kb-demo-2026!';
const RESET_PASSWORD = 'Kb-reset-2026!';

function say(...a) { console.log(`[story ${new Date().toISOString().slice(11, 23)}]`, ...a); }

/** The date as the portal writes it: long form, in the page's language, on China time. */
function longDate(date, lang) {
  return new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

async function text(page, selector) {
  await page.waitForSelector(selector, { state: 'visible' });
  return (await page.locator(selector).first().innerText()).trim();
}

/** A certificate's serial as the portal writes it: upper-case hex without leading zeros (Java's BigInteger). */
function serialHex(cert) {
  return BigInt(`0x${cert.serialNumber}`).toString(16).toUpperCase();
}

/**
 * The login tokens the page posts to the portal (the hidden token form): what the agent signed, as the portal received
 * it ({algorithm, unverifiedCertificate, signature, ...}).
 */
function recordTokens(page) {
  const tokens = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/login/certificate')) return;
    const token = new URLSearchParams(r.postData() ?? '').get('token');
    if (token) tokens.push(JSON.parse(token));
  });
  return tokens;
}

async function shot(page, lang, name) {
  const file = path.join(OUT, 'screenshots', lang, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  say('screenshot', path.relative(ROOT, file));
}

/** Steps 1-5 in `lang`, asserting each page's visible state. */
async function walk(demo, lang) {
  const t = texts(lang);
  const kit = texts(lang, 'portal-kit');
  const { page } = await demo.browser({ locale: lang });
  page.on('console', (m) => { if (m.type() === 'error') say('[page console]', m.text()); });
  const expired = new crypto.X509Certificate(fs.readFileSync(path.join(demo.demoDir, 'pki/social-security-login.pem')));
  const tax = demo.taxKey;
  const taxCert = new crypto.X509Certificate(fs.readFileSync(path.join(demo.demoDir, tax.pem)));
  const tokens = recordTokens(page);

  // Home: the hall's entrance in the browser's language (Accept-Language).
  await page.goto(`${demo.portalUrl}/`);
  assert.equal(await text(page, 'h1'), t.home_heading);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  await shot(page, lang, '00-home');

  // 1. Log in with the CA certificate: only the expired 社保CA key is in; the portal explains it and the way out.
  say('step 1: CA certificate login with the expired key');
  await page.click('#ca-login');
  await page.click('#start');
  await page.waitForURL('**/login/certificate/expired');
  assert.equal(await text(page, '#expired-heading'), t.expired_heading);
  const explanation = await text(page, '#explanation');
  assert.match(explanation, /社保CA/);
  assert.match(explanation, /Demo Social Security CA/);
  assert.ok(explanation.includes(longDate(new Date(expired.validTo), lang)), `date of ${expired.validTo} in: ${explanation}`);
  assert.equal(await text(page, 'dl.cert .uscc'), USCC);
  assert.equal(await text(page, 'dl.cert .badge'), t.cert_expired);
  assert.ok((await text(page, 'ol.way-out')).includes('123456'));
  await shot(page, lang, '01-certificate-expired');

  // 2. Password login with the initial password, which must be changed first.
  say('step 2: password login, initial password changed');
  await page.click('#password-login');
  await page.fill('#username', USCC);
  await page.fill('#password', '123456');
  await page.click('#submit');
  await page.waitForURL('**/password/change');
  assert.equal(await text(page, '#first-login'), t.password_change_first);
  await page.goto(`${demo.portalUrl}/enterprise`); // nothing else until the password is changed
  await page.waitForURL('**/password/change');
  await page.fill('#current', '123456');
  await page.fill('#new-password', '12345678');
  await page.fill('#confirm', '12345678');
  await page.click('#submit');
  assert.equal(await text(page, '#error'), kit['code.PASSWORD_TOO_WEAK']);
  await page.fill('#current', '123456');
  await page.fill('#new-password', NEW_PASSWORD);
  await page.fill('#confirm', NEW_PASSWORD);
  await shot(page, lang, '02-change-initial-password');
  await page.click('#submit');
  await page.waitForURL('**/enterprise');
  assert.equal(await text(page, '#notice'), t.notice_password_changed);
  assert.equal(await text(page, '#login-method'), t.logged_in_with_password);
  assert.equal(await text(page, '#binding .issuer'), 'Demo Social Security CA');
  assert.equal(await text(page, '#binding .badge'), t.cert_expired);
  await shot(page, lang, '02-enterprise-management');

  // 3. Update CA certificate: the page waits for the tax-CA key, sees it arrive by the agent's events, binds it.
  say('step 3: update the CA certificate with the tax-CA key');
  await page.click('#update-certificate');
  await page.waitForURL('**/enterprise/certificate');
  await page.waitForSelector('#key-status[data-state="waiting"]');
  await page.waitForSelector('#keys li.bad');
  assert.match(await text(page, '#keys'), /社保CA/);
  assert.equal(await page.isDisabled('#bind'), true);
  await shot(page, lang, '03-insert-tax-key');
  demo.insertTaxKey();
  await page.waitForSelector('#key-status[data-state="detected"]', { timeout: 15000 });
  assert.equal(await text(page, '#key-status'), t.update_detected.replace('{0}', tax.label));
  assert.ok((await text(page, '#keys li.good')).includes(tax.label));
  await shot(page, lang, '03-tax-key-detected');
  await page.click('#bind');
  await page.waitForURL('**/enterprise/certificate');
  assert.equal(await text(page, '#updated-heading'), t.updated_heading);
  assert.equal(await text(page, 'dl.cert .issuer'), tax.issuer);
  assert.equal(await text(page, 'dl.cert .uscc'), USCC);
  assert.equal(await text(page, 'dl.cert .serial'), serialHex(taxCert));
  await shot(page, lang, '03-certificate-updated');
  await page.click('#back');
  assert.equal(await text(page, '#binding .issuer'), tax.issuer);
  assert.match(await text(page, '#history'), new RegExp(`Demo Social Security CA[\\s\\S]*${tax.issuer}`));

  // 4. Log out; log in with the tax-CA key: in.
  say('step 4: log out, log in with the tax-CA key');
  await page.click('#logout');
  await page.waitForURL(`${demo.portalUrl}/`);
  assert.equal(await text(page, '#notice'), t.notice_logged_out);
  await page.goto(`${demo.portalUrl}/enterprise`);
  await page.waitForURL('**/login/password'); // logged out really
  await page.goto(`${demo.portalUrl}/login/certificate`);
  await page.click('#start');
  await page.waitForURL('**/enterprise');
  assert.equal(await text(page, '#login-method'), t.logged_in_with_certificate);
  assert.equal(await text(page, '#company'), '深圳市示例科技有限公司');
  assert.equal(await text(page, '#binding .issuer'), tax.issuer);
  assert.equal(await text(page, '#binding .serial'), serialHex(taxCert));
  // the token the portal took: the tax key's algorithm, over the tax key's certificate
  assert.equal(tokens.length, 1, 'one certificate login token posted (step 1 ended at the agent)');
  assert.equal(tokens[0].algorithm, tax.algorithm);
  assert.ok(Buffer.from(tokens[0].unverifiedCertificate, 'base64').equals(taxCert.raw), `the token carries ${tax.pem}`);
  say(`step 4: logged in by a ${tokens[0].algorithm} token over the ${tax.label} certificate (serial ${taxCert.serialNumber})`);
  await shot(page, lang, '04-logged-in-with-tax-key');
  await page.click('#logout');
  await page.waitForURL(`${demo.portalUrl}/`);

  // 5. Forgot password: a code by SMS (the demo outbox) to the administrator's phone, then a new password.
  say('step 5: password reset by SMS code');
  await page.click('#forgot');
  await page.fill('#username', USCC);
  await page.click('#send-code');
  assert.equal(await text(page, '#code-sent'), t.reset_code_sent.replace('{0}', '138****8000'));
  await shot(page, lang, '05-code-sent');
  const outbox = await page.context().newPage();
  await outbox.goto(`${demo.portalUrl}/demo`);
  assert.ok((await text(outbox, '#outbox .demo-label')).startsWith(t.demo_sms_note));
  assert.equal(await text(outbox, '#sms tbody tr:first-child .phone'), '13800138000');
  const code = (await text(outbox, '#sms tbody tr:first-child .text')).match(/\d{6}/)[0];
  await shot(outbox, lang, '05-demo-sms-outbox');
  await outbox.close();
  await page.fill('#code', code === '000000' ? '111111' : '000000'); // a wrong code first
  await page.fill('#new-password', RESET_PASSWORD);
  await page.fill('#confirm', RESET_PASSWORD);
  await page.click('#submit');
  assert.equal(await text(page, '#error'), kit['code.RESET_CODE_INVALID']);
  await page.fill('#code', code);
  await page.fill('#new-password', RESET_PASSWORD);
  await page.fill('#confirm', RESET_PASSWORD);
  await page.click('#submit');
  await page.waitForURL('**/login/password');
  assert.equal(await text(page, '#notice'), t.notice_password_reset);
  await page.fill('#username', USCC);
  await page.fill('#password', NEW_PASSWORD); // the old one no longer works
  await page.click('#submit');
  assert.equal(await text(page, '#error'), kit['code.INVALID_CREDENTIALS']);
  await page.fill('#username', USCC);
  await page.fill('#password', RESET_PASSWORD);
  await page.click('#submit');
  await page.waitForURL('**/enterprise');
  assert.equal(await text(page, '#login-method'), t.logged_in_with_password);
  await shot(page, lang, '05-logged-in-after-reset');
}

/** Every page of the story renders its texts in `lang` (chosen by Accept-Language, then by the language links). */
async function checkLanguage(demo, lang) {
  const t = texts(lang);
  const { page } = await demo.browser({ locale: lang === 'en' ? 'en-US' : 'es-ES' });
  const pages = [['/', 'home_heading'], ['/login/certificate', 'login_ca'], ['/login/password', 'login_password'],
    ['/password/forgot', 'forgot_heading'], ['/demo', 'demo_heading']];
  for (const [p, key] of pages) {
    await page.goto(`${demo.portalUrl}${p}`);
    assert.equal(await text(page, 'h1'), t[key], `${lang} ${p}`);
    assert.equal(await page.title(), t.hall_title);
  }
  // the expired certificate explained in this language (the tax-CA key pulled out again: only 社保CA is left)
  demo.removeTaxKey();
  await demo.waitForToken(demo.taxKey.label, false);
  await page.goto(`${demo.portalUrl}/login/certificate`);
  await page.click('#start');
  await page.waitForURL('**/login/certificate/expired');
  assert.equal(await text(page, '#expired-heading'), t.expired_heading);
  const expired = new crypto.X509Certificate(fs.readFileSync(path.join(demo.demoDir, 'pki/social-security-login.pem')));
  assert.ok((await text(page, '#explanation')).includes(longDate(new Date(expired.validTo), lang)));
  await shot(page, lang, 'certificate-expired');
  await page.goto(`${demo.portalUrl}/login/password`);
  assert.equal(await text(page, 'p.hint'), t.initial_password_hint);
  // the language links switch and the choice sticks (cookie)
  const other = lang === 'en' ? 'es' : 'en';
  await page.click(`nav.langs a[hreflang="${other}"]`);
  assert.equal(await text(page, 'h1'), texts(other).login_password);
  await page.goto(`${demo.portalUrl}/`);
  assert.equal(await text(page, 'h1'), texts(other).home_heading);
  await shot(page, lang, 'language-switch');
}

/** Which agent signed: the story's logins went through the extension's native host, none through the bridge. */
function checkPath(demo, hostLog) {
  const audit = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').split('\n').filter((l) => /operation=(authenticate|bind-certificate)/.test(l));
  const host = audit(hostLog);
  const bridge = audit(path.join(demo.dir, 'agent.log'));
  say(`signatures: ${host.length} through the extension's native host, ${bridge.length} through the bridge`);
  assert.ok(host.some((l) => /operation=bind-certificate transport=native-messaging.*result=OK/.test(l)), 'the rebind was signed through the extension');
  assert.ok(host.some((l) => /operation=authenticate transport=native-messaging.*result=OK/.test(l)), 'the tax-key login was signed through the extension');
  assert.equal(bridge.length, 0, 'nothing went through the localhost bridge');
}

const demo = await startDemo({ sm2: KEY === 'sm2' });
let failed = false;
try {
  let hostLog = null;
  if (VIA === 'extension') {
    const { viaExtension } = await import('../../browser-extension/e2e/lib/via-extension.mjs');
    const ext = await viaExtension(demo);
    demo.browserDefaults = ext.browserOptions;
    hostLog = ext.log;
    say('through the extension', ext.browserOptions.extensionDir);
  }
  await walk(demo, LANG);
  if (hostLog) checkPath(demo, hostLog);
  for (const lang of ['zh-CN', 'en', 'es'].filter((l) => l !== LANG)) {
    say('texts in', lang);
    await checkLanguage(demo, lang);
  }
  say('the story passed');
} catch (e) {
  failed = true;
  console.error(e);
  for (const f of ['agent.log', 'portal.log']) {
    console.error(`--- ${f} (last lines)`);
    console.error(fs.readFileSync(path.join(demo.dir, f), 'utf8').split('\n').slice(-30).join('\n'));
  }
} finally {
  await demo.stop({ keep: failed }); // a failed run's keys, logs and browser profile stay for a look
}
process.exit(failed ? 1 : 0);
