/*
 * The ES module variant of /js/consent-init.js (used by /esm.html).
 * The config still comes from the classic script /js/consent-config.js.
 */
import * as CookieConsent from '/dist/consentry.mjs';

if (window.StratusStatus) window.StratusStatus.connect(CookieConsent);
window.consentReady = CookieConsent.run(window.consentConfig);
window.consentReady.catch(() => {});
