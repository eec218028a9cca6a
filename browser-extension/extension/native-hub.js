// One native session shared by every page of the browser: the agent's JVM starts once (the first page pays the cold
// start, later pages and tabs do not), requests carry each page's own origin, and pushed events go to the pages that
// subscribed. The host's port is closed `linger` ms after the last page went away.
import { eventMessage } from './protocol.js';

export class NativeHub {
  /**
   * @param open ({onEvent, onClose}) → a NativeSession
   * @param linger ms to keep the session after the last page detached
   */
  constructor(open, linger = 0) {
    this.open = open;
    this.linger = linger;
    this.idle = null;
    this.session = null;
    this.channels = new Set();
    this.subscribers = new Set();
  }

  /** The live session, opened on demand. */
  current() {
    if (!this.session || this.session.closed) {
      const session = this.open({
        onEvent: (frame) => { for (const c of this.subscribers) c.post(eventMessage(frame)); },
        onClose: () => {
          if (this.session !== session) return;
          this.session = null;
          this.subscribers.clear(); // a new host has no subscription: pages ask again
        },
      });
      this.session = session;
    }
    return this.session;
  }

  attach(channel) {
    this.channels.add(channel);
    clearTimeout(this.idle);
    this.idle = null;
  }

  /** After the agent accepted `events` for this page's origin. */
  subscribe(channel) { this.subscribers.add(channel); }

  detach(channel) {
    this.channels.delete(channel);
    this.subscribers.delete(channel);
    if (this.channels.size > 0 || !this.session) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.channels.size > 0 || !this.session) return;
      const s = this.session;
      this.session = null;
      s.close();
    }, this.linger);
  }
}
