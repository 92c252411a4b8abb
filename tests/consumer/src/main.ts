// The app's entry: consentry as a consumer installs and imports it (package exports:
// the ES module build, its types, and the stylesheet).
import * as CookieConsent from 'consentry';
import type { CookieConsentConfig, UserPreferences } from 'consentry';
import 'consentry/consentry.css';

declare global {
  interface Window {
    consentry: typeof CookieConsent; // for the test (the global CookieConsent is the script-tag build's)
    ccRun: 'pending' | 'resolved' | 'rejected';
    ccError?: string;
    ccConsents: UserPreferences[];
  }
}

const config: CookieConsentConfig = {
  hideFromBots: false, // the test drives a real Chromium under automation
  categories: {
    necessary: { readOnly: true },
    analytics: { services: { ga: { label: 'Google Analytics' } } },
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: { title: 'Vite consumer', description: 'Cookies?', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' },
        preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save' },
      },
    },
  },
  onConsent: () => {
    window.ccConsents.push(CookieConsent.getUserPreferences());
  },
};

window.consentry = CookieConsent;
window.ccConsents = [];
window.ccRun = 'pending';
CookieConsent.run(config).then(
  () => (window.ccRun = 'resolved'),
  (error: unknown) => {
    window.ccRun = 'rejected';
    window.ccError = String(error);
  },
);
