// Script-tag entry (`dist/consentry.js`): defines `window.CookieConsent` synchronously and
// finds the wasm next to itself. `<script src=".../consentry.js" data-config="/consent.json">`
// fetches that config and runs it with no other JS.
import { createApi } from './core.js';

const script = document.currentScript;
const base = (script && script.src) || location.href;
const api = createApi(() => new URL('consentry_bg.wasm', base));
window.CookieConsent = api;

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
