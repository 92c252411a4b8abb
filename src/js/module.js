// ES-module entry (`dist/consentry.mjs`): `import * as CookieConsent from 'consentry'`. The
// engine is inside this file; consentry's built-in locales are next to it (`i18n/`).
import { createApi } from './core.js';

const api = createApi(() => import.meta.url);

export const {
  run, show, hide, showPreferences, hidePreferences, acceptCategory, acceptService,
  acceptedCategory, acceptedService, validConsent, validCookie, eraseCookies, loadScript,
  setCookieData, getCookie, getConfig, getUserPreferences, setLanguage, reset,
  mountPreferences, getConsentHistory, downloadReceipt, scan,
} = api;

/** Bring your own wasm (optional): takes what wasm-bindgen's init takes. */
export default api.init;
