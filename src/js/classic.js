// Script-tag entry (`dist/consentry.js`): defines `window.CookieConsent` synchronously; the
// engine is inside this file. `<script src=".../consentry.js" data-config="/consent.json">`
// fetches that config and runs it with no other JS.
import { createApi } from './core.js';
import { install } from './guard.js';

const script = document.currentScript;
// Where this file was loaded from (its built-in locales are next to it): `currentScript` for
// a script tag; for an `import` of this file from a module (v3's getting-started does that)
// there is no currentScript, so the URL is read from a stack trace, which names the running
// file in every current browser.
const here = () => {
  const match = /(https?:\/\/[^\s)]+?\.m?js)(?::\d+)*\)?\s*$/m.exec(new Error().stack || '');
  return match ? match[1] : location.href;
};
const base = (script && script.src) || here();
const api = createApi(() => base);
window.CookieConsent = api;
install(); // auto-blocking starts now, before any tag manager in the page runs

const configUrl = script && script.getAttribute('data-config');
if (configUrl) {
  fetch(configUrl)
    .then((response) => {
      if (!response.ok) throw new Error('consentry: data-config ' + configUrl + ': HTTP ' + response.status);
      return response.json();
    })
    .then(api.run, (error) => console.error(error))
    .catch(() => {}); // run() has logged its own error
}
