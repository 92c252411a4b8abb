// The ES-module build: `import * as CookieConsent from '/dist/consentry.mjs'`, then the same
// boot as pages/js/boot.js. `?init=<url>` calls the default export (wasm-bindgen's init) first.
import init, * as CookieConsent from '/dist/consentry.mjs';

window.CookieConsent = CookieConsent;
window.ccInit = typeof init;
const params = new URLSearchParams(location.search);
window.ccRun = 'pending';
const config = window.ccConfigs[params.get('config') || 'basic'](params);
try {
  if (params.get('init')) await init({ module_or_path: params.get('init') });
  await CookieConsent.run(config);
  window.ccRun = 'resolved';
} catch (e) {
  window.ccRun = 'rejected';
  window.ccError = { isError: e instanceof Error, message: String(e && e.message) };
}
