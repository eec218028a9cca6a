// Builds the extension packages under target/ (run by Maven in `package`, or `npm run build`):
//   target/chrome/            release, unpacked (https pages only)      target/keybridge-chrome-<v>.zip
//   target/chrome-dev/        dev variant: also http://localhost and http://127.0.0.1 pages (tests, demo portal)
//   target/firefox/           Firefox (background scripts, gecko id)   target/keybridge-firefox-<v>.zip
//   target/extension-id.txt   the Chromium id pinned by the manifest key
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { extensionId } from './extension-id.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const target = path.join(root, 'target');

export const FIREFOX_ID = 'keybridge@keybridge.org';
const DEV_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

async function copy(name, edit) {
  const dir = path.join(target, name);
  await rm(dir, { recursive: true, force: true });
  await cp(src, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(src, 'manifest.json'), 'utf8'));
  await edit(dir, manifest);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { dir, manifest };
}

async function devFlag(dir) {
  const file = path.join(dir, 'config.js');
  const text = await readFile(file, 'utf8');
  const flipped = text.replace('export const DEV_BUILD = false;', 'export const DEV_BUILD = true;');
  if (flipped === text) throw new Error('config.js has no DEV_BUILD = false line');
  await writeFile(file, flipped);
}

function zip(dir, file) {
  // the JDK's jar tool writes a plain zip (no manifest with M); the JDK is there whenever Maven runs
  execFileSync('jar', ['--create', '--no-manifest', '--file', file, '-C', dir, '.']);
}

export async function build() {
  await mkdir(target, { recursive: true });
  const chrome = await copy('chrome', async () => {});
  const { version } = chrome.manifest;
  await copy('chrome-dev', async (dir, m) => {
    await devFlag(dir);
    m.name = 'KeyBridge (dev)';
    m.content_scripts[0].matches.push(...DEV_MATCHES);
  });
  const firefox = await copy('firefox', async (dir, m) => {
    delete m.key; // Firefox identifies the add-on by its gecko id
    delete m.minimum_chrome_version;
    m.background = { scripts: [m.background.service_worker], type: 'module' };
    m.browser_specific_settings = { gecko: { id: FIREFOX_ID, strict_min_version: '128.0' } };
  });
  zip(chrome.dir, path.join(target, `keybridge-chrome-${version}.zip`));
  zip(firefox.dir, path.join(target, `keybridge-firefox-${version}.zip`));
  const id = extensionId(chrome.manifest.key);
  await writeFile(path.join(target, 'extension-id.txt'), id + '\n');
  return { id, version };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { id, version } = await build();
  console.log(`KeyBridge extension ${version} built in ${target} (Chromium id ${id})`);
}
