// The demo portal's story (demo-portal/e2e/story.mjs --via extension) through the extension instead of the localhost
// bridge: the dev build unpacked in each story browser, and the real agent as native host registered in that
// browser's own profile, allowed to serve the portal's origin. The host's stderr (audit lines) goes to
// <work dir>/native-host.log, so the story can show which path signed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { devExtension, hostScript, registerHost, KEYBRIDGE } from './harness.mjs';

/**
 * @param demo what demo-portal's startDemo() returned ({dir, demoDir, portalUrl})
 * @returns browser options for the story's browsers: {extensionDir, prepareProfile(userDataDir)}, and `log` (the
 *          host's log file)
 */
export async function viaExtension(demo) {
  const extension = await devExtension();
  const config = JSON.parse(readFileSync(path.join(demo.demoDir, 'config.json'), 'utf8'));
  config.allowedOrigins = [new URL(demo.portalUrl).origin];
  config.devMode = true;
  const configFile = path.join(demo.dir, 'native-host-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const log = path.join(demo.dir, 'native-host.log');
  const host = hostScript(path.join(demo.dir, 'keybridge-native-host'),
    ['sh', '-c', `exec "$0" "$@" 2>>'${log}'`, KEYBRIDGE, '--config', configFile, 'native-host', '--pin-file',
      path.join(demo.demoDir, 'pins.json')]);
  return {
    log,
    browserOptions: { extensionDir: extension.dir, prepareProfile: (udd) => registerHost(udd, host, extension.id) },
  };
}
