// One runtime.connectNative port to the agent's host: waits for its {version} hello, checks the versions, then
// carries requests correlated by id and hands pushed events on. The host process lives as long as the port.
import { ProtocolError } from './protocol.js';
import { versionProblem } from './versions.js';

export class NativeSession {
  /**
   * @param connect () → a port {onMessage, onDisconnect, postMessage, disconnect} (runtime.connectNative)
   * @param lastError (port) → the browser's reason for a disconnect, or undefined
   * @param extensionVersion this extension's version, for the version check
   * @param helloTimeout ms to wait for the hello
   * @param onEvent (frame) for pushed {event, …} frames
   * @param onClose () once the port is gone, whatever the reason
   */
  constructor({ connect, lastError, extensionVersion, helloTimeout, onEvent = () => {}, onClose = () => {} }) {
    this.connect = connect;
    this.lastError = lastError;
    this.extensionVersion = extensionVersion;
    this.helloTimeout = helloTimeout;
    this.onEvent = onEvent;
    this.onClose = onClose;
    this.pending = new Map(); // id → {resolve, reject, timer}
    this.nextId = 1;
    this.ready = null;
    this.closed = false;
  }

  /** Resolves with the agent's version once the hello came and matches; rejects with NATIVE_UNAVAILABLE or VERSION_MISMATCH. */
  start() {
    this.ready ??= new Promise((resolve, reject) => {
      let hello = false;
      let port;
      const fail = (error) => { if (!hello) { hello = true; reject(error); } };
      try {
        port = this.connect();
      } catch (e) {
        this.closed = true;
        fail(new ProtocolError('NATIVE_UNAVAILABLE', { key: 'nativeUnavailable', args: [String(e?.message || e)] }));
        this.onClose();
        return;
      }
      this.port = port;
      const timer = setTimeout(() => {
        fail(new ProtocolError('NATIVE_UNAVAILABLE', { key: 'helloTimeout', args: [this.helloTimeout / 1000] }));
        this.close();
      }, this.helloTimeout);
      port.onMessage.addListener((frame) => {
        if (!hello) {
          clearTimeout(timer);
          const version = frame && typeof frame === 'object' ? frame.version : undefined;
          const problem = versionProblem(version, this.extensionVersion);
          if (problem) {
            fail(new ProtocolError('VERSION_MISMATCH', {
              key: problem.key, args: [String(version), this.extensionVersion],
              details: { requiresUpdate: problem.requiresUpdate, agentVersion: version, extensionVersion: this.extensionVersion },
            }));
            this.close();
            return;
          }
          hello = true;
          this.agentVersion = version;
          resolve(version);
          return;
        }
        this.receive(frame);
      });
      port.onDisconnect.addListener(() => {
        clearTimeout(timer);
        const reason = this.lastError(port) || 'disconnected';
        // before the hello: the host is missing or would not start; after it: the host ended
        fail(new ProtocolError('NATIVE_UNAVAILABLE', { key: 'nativeUnavailable', args: [reason] }));
        this.gone(new ProtocolError('NATIVE_UNAVAILABLE', { key: 'nativeGone', args: [reason] }));
      });
    });
    return this.ready;
  }

  receive(frame) {
    if (!frame || typeof frame !== 'object') return;
    if (typeof frame.event === 'string' && !('result' in frame) && !('error' in frame)) {
      this.onEvent(frame);
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return; // an answer nobody waits for any more (timed out)
    this.pending.delete(frame.id);
    clearTimeout(p.timer);
    if (frame.error) p.reject(ProtocolError.fromAgent(frame.error));
    else p.resolve(frame.result);
  }

  /** Sends {command, arguments, origin, id}; rejects with `timeout()`'s error after `limit` ms. */
  async request(command, args, origin, limit, timeout) {
    await this.start();
    if (this.closed) throw new ProtocolError('NATIVE_UNAVAILABLE', { key: 'nativeGone', args: ['closed'] });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(timeout());
      }, limit);
      this.pending.set(id, { resolve, reject, timer });
      this.port.postMessage({ command, arguments: args, origin, id });
    });
  }

  gone(error) {
    if (this.closed && this.pending.size === 0) return;
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    this.onClose();
  }

  /** Closes the port (the host exits when its stdin closes). */
  close() {
    try { this.port?.disconnect(); } catch { /* already gone */ }
    this.gone(new ProtocolError('NATIVE_UNAVAILABLE', { key: 'nativeGone', args: ['closed'] }));
  }
}
