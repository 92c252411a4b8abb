// The consent config the framework apps share (react/, vue/, next/): what a site writes,
// plus `hideFromBots: false` because the test drives a real Chromium under automation.
// `title` names the app in the banner so the test sees which app it opened.
export function consentConfig(title) {
  return {
    hideFromBots: false,
    categories: {
      necessary: { readOnly: true },
      analytics: { services: { ga: { label: 'Google Analytics' } } },
    },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: { title, description: 'Cookies?', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' },
          preferencesModal: {
            title: 'Preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save',
          },
        },
      },
    },
  };
}
