// Build flags. The build (scripts/build.mjs) writes `true` here for the dev variant only, which also accepts pages on
// http://localhost and http://127.0.0.1 (tests, the demo portal). Release builds keep https only.
export const DEV_BUILD = false;

/** The agent's native-messaging host (README "Native-messaging host"). */
export const HOST_NAME = 'org.keybridge.agent';

/**
 * Time limits in ms: the host's {version} hello, a non-interactive answer, the user's PIN entry (Web eID's), and how
 * long the agent's port stays open after the last page closed (a navigation to the portal's next page reuses it).
 */
export const TIMEOUTS = Object.freeze({ hello: 5000, answer: 30000, userInteraction: 120000, linger: 5000 });

/** The largest string argument passed on (the host refuses frames over 8 KiB and exits). */
export const MAX_ARGUMENT = 1024;
