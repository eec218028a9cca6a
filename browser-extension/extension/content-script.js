// Content script (a classic script: manifest content scripts cannot be ES modules).
// Relaying page messages to the service worker comes later; until then it does nothing.
(() => {
  'use strict';
})();
