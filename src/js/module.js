// ES-module entry (`dist/consentry.mjs`): `import * as CookieConsent from 'consentry'`.
// The wasm is found next to this file; bundlers (Vite, webpack 5) see the literal
// `new URL('consentry_bg.wasm', import.meta.url)` and emit the file untouched.
import { createApi } from './core.js';

const api = createApi(() => new URL('consentry_bg.wasm', import.meta.url));

export const {
  run, show, hide, showPreferences, hidePreferences, acceptCategory, acceptService,
  acceptedCategory, acceptedService, validConsent, validCookie, eraseCookies, loadScript,
  setCookieData, getCookie, getConfig, getUserPreferences, setLanguage, reset,
  mountPreferences, getConsentHistory, downloadReceipt,
} = api;

/** Load the engine yourself (optional): takes what wasm-bindgen's init takes. */
export default api.init;
