// One page (one content script's port): its origin as the browser reported it, one pending request per action; the
// native session to the agent is the hub's, shared with the other pages.
import {
  ProtocolError, validateRequest, nativeRequest, successReply, failureReply, isInteractive, langOf, userTimeoutOf,
} from './protocol.js';
import { secureOrigin } from './origin.js';
import { message } from './messages.js';

export class PageChannel {
  /**
   * @param origin the sender's origin from the browser (senderOrigin), or null
   * @param post (reply) to the page, through the content script
   * @param hub the NativeHub
   * @param devBuild whether http loopback pages are served
   * @param extensionVersion reported by status
   * @param timeouts {answer, userInteraction} in ms
   * @param defaultLang the browser's language
   */
  constructor({ origin, post, hub, devBuild, extensionVersion, timeouts, defaultLang = 'en' }) {
    Object.assign(this, { origin, post, hub, devBuild, extensionVersion, timeouts, defaultLang });
    this.pending = new Set();
    hub.attach(this);
  }

  /** Handles one request from the page (the content script has acked it already). Never throws. */
  async handle(msg) {
    if (!validateRequest(msg).ok) return; // not ours: the content script filters these already
    const lang = langOf(msg, this.defaultLang);
    const text = (key, args) => message(lang, key, ...args);
    if (!secureOrigin(this.origin, this.devBuild)) {
      this.post(failureReply(msg, new ProtocolError('ORIGIN_NOT_ALLOWED',
        { key: 'insecure', args: [String(this.origin)], webEidCode: 'ERR_WEBEID_CONTEXT_INSECURE' }), text));
      return;
    }
    if (this.pending.has(msg.action)) {
      // Web eID matches replies by action name: the first request's reply must not be taken by this one
      this.post(failureReply(msg, new ProtocolError('BUSY', { key: 'pending', args: [msg.action] }), text));
      return;
    }
    this.pending.add(msg.action);
    try {
      const { command, arguments: args } = nativeRequest(msg);
      const interactive = isInteractive(command);
      const limit = interactive ? userTimeoutOf(msg, this.timeouts.userInteraction) : this.timeouts.answer;
      const timeout = () => (interactive
        ? new ProtocolError('USER_TIMEOUT', { key: 'userTimeout', args: [Math.round(limit / 1000)] })
        : new ProtocolError('NATIVE_UNAVAILABLE', { key: 'answerTimeout', args: [Math.round(limit / 1000)] }));
      const session = this.hub.current();
      const result = await session.request(command, args, this.origin, limit, timeout);
      if (command === 'events') this.hub.subscribe(this);
      this.post(successReply(msg, result, { extension: this.extensionVersion, agent: session.agentVersion }));
    } catch (e) {
      this.post(failureReply(msg, e, text));
    } finally {
      this.pending.delete(msg.action);
    }
  }

  /** The page went away (the hub closes the agent's port after the last page). */
  close() {
    this.hub.detach(this);
  }
}
