// Background service worker. Native messaging to the KeyBridge agent comes later;
// for now it only loads the protocol module so that a broken import fails early.
import { ACTIONS } from './protocol.js';

export const SUPPORTED_ACTIONS = ACTIONS;
