// Strict SemVer (major.minor.patch, optional -pre and +build) and the rule for telling which side to update.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** [major, minor, patch], or null when `v` is not strict SemVer. */
export function parseVersion(v) {
  const m = typeof v === 'string' ? SEMVER.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** The part that must match: the major version, or major.minor while the major is 0 (SemVer §4). */
function line([major, minor]) {
  return major === 0 ? [0, minor] : [major];
}

/**
 * null when the agent and the extension can talk; else {key, requiresUpdate: {extension, nativeApp}} saying which
 * side is older (key: 'updateAgent', 'updateExtension' or 'versionInvalid').
 */
export function versionProblem(agent, extension) {
  const a = parseVersion(agent);
  const e = parseVersion(extension);
  if (!a) return { key: 'versionInvalid', requiresUpdate: { extension: false, nativeApp: true } };
  if (!e) return { key: 'updateExtension', requiresUpdate: { extension: true, nativeApp: false } };
  const [la, le] = [line(a), line(e)];
  for (let i = 0; i < Math.max(la.length, le.length); i++) {
    const x = la[i] ?? 0;
    const y = le[i] ?? 0;
    if (x < y) return { key: 'updateAgent', requiresUpdate: { extension: false, nativeApp: true } };
    if (x > y) return { key: 'updateExtension', requiresUpdate: { extension: true, nativeApp: false } };
  }
  return null;
}
