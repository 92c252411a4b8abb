// cookieconsent-init.js as vanilla-cookieconsent v3's documentation writes it (getting
// started, configuration reference, scripts management, revision management). The one
// line a test varies: `?storage=cookie` sets `cookie.useLocalStorage: false`.
window.choices = [];
CookieConsent.run({
  cookie: { useLocalStorage: new URLSearchParams(location.search).get('storage') !== 'cookie' },

  revision: 1,

  guiOptions: {
    consentModal: { layout: 'cloud inline', position: 'bottom center' },
    preferencesModal: { layout: 'bar wide', position: 'left', equalWeightButtons: false, flipButtons: true },
  },

  onConsent: function () {
    // consent was given
    window.choices.push({
      on: 'onConsent',
      analytics: CookieConsent.acceptedCategory('analytics'),
      googleAnalytics: CookieConsent.acceptedService('Google Analytics', 'analytics'),
    });
  },

  onChange: function ({ changedCategories, changedServices }) {
    if (changedCategories.includes('analytics')) {
      if (CookieConsent.acceptedCategory('analytics')) {
        window.choices.push('analytics category was just enabled');
      } else {
        window.choices.push('analytics category was just disabled');
      }
      if (changedServices['analytics'].includes('Google Analytics')) {
        if (CookieConsent.acceptedService('Google Analytics', 'analytics')) {
          window.choices.push('Google Analytics was just enabled');
        } else {
          window.choices.push('Google Analytics was just disabled');
        }
      }
    }
  },

  categories: {
    necessary: {
      enabled: true, // this category is enabled by default
      readOnly: true, // this category cannot be disabled
    },
    analytics: {
      enabled: false,
      readOnly: false,

      // Delete specific cookies when the user opts-out of this category
      autoClear: {
        cookies: [
          { name: /^_ga/ }, // regex: match all cookies starting with '_ga'
          { name: '_gid' }, // string: exact cookie name
        ],
      },
    },
  },

  language: {
    default: 'en',

    translations: {
      en: {
        consentModal: {
          label: 'Cookie Consent',
          title: 'We use cookies',
          description: 'Cookie modal description <br> {{revisionMessage}}',
          revisionMessage: "Hi, we've made some changes to our cookie policy since the last time you visited!",
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage Individual preferences',
          footer: '<a href="#path-to-impressum.html" target="_blank">Impressum</a>\n<a href="#path-to-privacy-policy.html" target="_blank">Privacy Policy</a>',
        },
        preferencesModal: {
          title: 'Manage cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Accept current selection',
          closeIconLabel: 'Close modal',
          serviceCounterLabel: 'Service|Services',
          sections: [
            {
              title: 'Somebody said ... cookies?',
              description: 'I want one!',
            },
            {
              title: 'Strictly Necessary cookies',
              description: 'These cookies are essential for the proper functioning of the website and cannot be disabled.',

              //this field will generate a toggle linked to the 'necessary' category
              linkedCategory: 'necessary',
            },
            {
              title: 'Performance and Analytics',
              description: 'These cookies collect information about how you use our website. All of the data is anonymized and cannot be used to identify you.',
              linkedCategory: 'analytics',
              cookieTable: {
                caption: 'List of cookies',
                headers: { name: 'Name', description: 'Description', duration: 'Duration' },
                body: [
                  { name: '_ga', description: 'Distinguishes visitors', duration: '2 years' },
                  { name: '_gid', description: 'Groups a visit', duration: '1 day' },
                ],
              },
            },
            {
              title: 'More information',
              description: 'For any queries in relation to my policy on cookies and your choices, please <a href="#contact-page">contact us</a>',
            },
          ],
        },
      },
    },
  },
});
