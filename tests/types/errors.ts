// Each line after `@ts-expect-error` must be rejected; tsc fails if one is accepted.
import * as CookieConsent from 'consentry';
import type { CookieConsentConfig } from 'consentry';

const base: CookieConsentConfig = { categories: {}, language: { default: 'en', translations: {} } };

// ---------------------------------------------------------------------------------------------
// Config

// @ts-expect-error not a mode
export const e1: CookieConsentConfig = { ...base, mode: 'opt-maybe' };
// @ts-expect-error 'modal' is not a consent modal layout
export const e2: CookieConsentConfig = { ...base, guiOptions: { consentModal: { layout: 'modal' } } };
// @ts-expect-error days are a number or a function, not a string
export const e3: CookieConsentConfig = { ...base, cookie: { expiresAfterDays: '1' } };
// @ts-expect-error the function gets the accept type and returns a number
export const e4: CookieConsentConfig = { ...base, cookie: { expiresAfterDays: (t: string) => t } };
// @ts-expect-error not a consent modal position
export const e5: CookieConsentConfig = { ...base, guiOptions: { consentModal: { position: 'center' } } };
// @ts-expect-error 'box wide' is a consent modal layout only
export const e6: CookieConsentConfig = { ...base, guiOptions: { preferencesModal: { layout: 'box wide' } } };
// @ts-expect-error the preferences modal sits left or right
export const e7: CookieConsentConfig = { ...base, guiOptions: { preferencesModal: { position: 'top' } } };
// @ts-expect-error sameSite is case-sensitive
export const e8: CookieConsentConfig = { ...base, cookie: { sameSite: 'lax' } };
// @ts-expect-error not a detection strategy
export const e9: CookieConsentConfig = { ...base, language: { default: 'en', autoDetect: 'navigator', translations: {} } };
// @ts-expect-error revision is a number
export const e10: CookieConsentConfig = { ...base, revision: '2' };
// @ts-expect-error categories is required, as in v3
export const e11: CookieConsentConfig = { language: { default: 'en', translations: {} } };
// @ts-expect-error unknown top-level key
export const e12: CookieConsentConfig = { ...base, autoshow: true };
// @ts-expect-error a translation is an object, a URL string or a function
export const e13: CookieConsentConfig = { ...base, language: { default: 'en', translations: { en: 3 } } };
// @ts-expect-error cookie names are strings or RegExps
export const e14: CookieConsentConfig = { ...base, categories: { a: { autoClear: { cookies: [{ name: 7 }] } } } };
// @ts-expect-error a cookie rule needs a name
export const e15: CookieConsentConfig = { ...base, categories: { a: { autoClear: { cookies: [{ path: '/' }] } } } };
// @ts-expect-error urls is an array of strings
export const e16: CookieConsentConfig = { ...base, categories: { a: { services: { ga: { urls: 'https://x' } } } } };
// @ts-expect-error storage keys are strings or RegExps
export const e17: CookieConsentConfig = { ...base, categories: { a: { autoClear: { storageKeys: [1] } } } };
// @ts-expect-error not a Consent Mode type
export const e18: CookieConsentConfig = { ...base, googleConsentMode: { mapping: { ads: 'marketing' } } };
// @ts-expect-error waitForUpdate is milliseconds
export const e19: CookieConsentConfig = { ...base, googleConsentMode: { waitForUpdate: '500' } };
// @ts-expect-error gpc is a boolean or { categories }
export const e20: CookieConsentConfig = { ...base, gpc: 'marketing' };
// @ts-expect-error consentLog needs an endpoint
export const e21: CookieConsentConfig = { ...base, consentLog: {} };
// @ts-expect-error debug is a boolean
export const e22: CookieConsentConfig = { ...base, debug: 'yes' };
// @ts-expect-error a section's cookie table needs headers
export const e23: CookieConsentConfig = { ...base, language: { default: 'en', translations: { en: { preferencesModal: { sections: [{ cookieTable: { body: [] } }] } } } } };
// @ts-expect-error root is a selector or an Element
export const e24: CookieConsentConfig = { ...base, root: 42 };

// ---------------------------------------------------------------------------------------------
// Callbacks and events

// @ts-expect-error onChange's argument has no `categories`
export const e25: CookieConsentConfig = { ...base, onChange: ({ categories }) => categories };
// @ts-expect-error onModalShow's argument carries no element
export const e26: CookieConsentConfig = { ...base, onModalShow: ({ modal }) => modal };
window.addEventListener('cc:onConsent', (e) => {
    // @ts-expect-error only cc:onChange has changedCategories
    void e.detail.changedCategories;
});
window.addEventListener('cc:onModalReady', (e) => {
    // @ts-expect-error modalName is one of the two modal names
    const name: 'bannerModal' = e.detail.modalName;
    void name;
});

// ---------------------------------------------------------------------------------------------
// API

// @ts-expect-error run needs a config
CookieConsent.run();
// @ts-expect-error acceptService needs the category
CookieConsent.acceptService('ga');
// @ts-expect-error not a cookie field
CookieConsent.getCookie('consent');
// @ts-expect-error not a config key
CookieConsent.getConfig('modes');
// @ts-expect-error mode is 'overwrite' or 'update'
CookieConsent.setCookieData({ value: 1, mode: 'merge' });
// @ts-expect-error loadScript attributes are one object of strings
CookieConsent.loadScript('/x.js', [{ async: '' }]);
// @ts-expect-error eraseCookies takes names or RegExps
CookieConsent.eraseCookies(1);
// @ts-expect-error mountPreferences needs an element
CookieConsent.mountPreferences('#privacy');
// @ts-expect-error microsoftConsentMode names categories, not a mapping
CookieConsent.run({ categories: {}, language: { default: 'en', translations: {} }, microsoftConsentMode: { mapping: { ad_storage: 'ads' } } });
// @ts-expect-error scan takes a node, not a selector
CookieConsent.scan('#app');
// @ts-expect-error embedPlaceholder's texts are strings
export const e40: CookieConsent.Translation = { embedPlaceholder: { loadBtn: 1 } };
// @ts-expect-error not a preference-center text
export const e41: CookieConsent.Translation = { preferenceCenter: { historyTitel: 'x' } };
// @ts-expect-error acceptedCategory returns a boolean
export const e27: string = CookieConsent.acceptedCategory('analytics');
// @ts-expect-error getCookie('revision') is a number
export const e28: string = CookieConsent.getCookie('revision');
// @ts-expect-error the history holds records, not strings
export const e29: string[] = CookieConsent.getConsentHistory();
// @ts-expect-error setLanguage resolves to a boolean
export const e30: Promise<void> = CookieConsent.setLanguage('de');
// @ts-expect-error the ES module has no named `init` (it is the default export)
CookieConsent.init();
// @ts-expect-error init takes a path, URL, response, bytes or module, not null
CookieConsent.default(null);
// @ts-expect-error init resolves to the engine's exports, typed unknown
export const e31: Promise<{ run: unknown }> = CookieConsent.default();
