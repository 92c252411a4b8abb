// A classic script (no import/export) on a page that loads dist/consentry.js with a
// <script> tag: the global `CookieConsent` and its types, as v3's UMD types give them.
/// <reference path="../../src/js/consentry.d.ts" />

const globalConfig: CookieConsent.CookieConsentConfig = {
    categories: { necessary: { readOnly: true }, analytics: {} },
    language: { default: 'en', translations: { en: '/i18n/en.json' } },
};
CookieConsent.run(globalConfig);
window.CookieConsent.acceptCategory('all');
const globalPrefs: CookieConsent.UserPreferences = CookieConsent.getUserPreferences();
const globalCookie: CookieConsent.CookieValue = window.CookieConsent.getCookie();
const globalService: CookieConsent.Service = { label: 'x', urls: ['https://cdn.example.com/'] };

