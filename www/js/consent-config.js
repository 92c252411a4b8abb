/*
 * Stratus Cloud: the cookie-consent configuration shared by every page.
 *
 * This is a plain vanilla-cookieconsent v3 configuration; consentry reads it unchanged.
 * It is loaded as a classic script and only defines `window.consentConfig`;
 * /js/consent-init.js (or /js/esm-init.js) passes it to `CookieConsent.run()`.
 *
 * /consent.json holds the same configuration as JSON for /data-config.html
 * (JSON has no RegExp, so there the cookie patterns are spelled out as names).
 */
(function () {
  'use strict';

  var privacyLink = {
    en: '<a href="/privacy.html">Privacy policy</a>',
    de: '<a href="/privacy.html">Datenschutzerklärung</a>',
    es: '<a href="/privacy.html">Política de privacidad</a>',
    fr: '<a href="/privacy.html">Politique de confidentialité</a>',
    pt: '<a href="/privacy.html">Política de privacidade</a>',
    th: '<a href="/privacy.html">นโยบายความเป็นส่วนตัว</a>',
    zh: '<a href="/privacy.html">隐私政策</a>',
    ms: '<a href="/privacy.html">Dasar privasi</a>'
  };

  window.consentConfig = {
    // Keep the defaults of v3 (opt-in, autoShow, consent valid for 182 days …);
    // consentry stores the choice in localStorage under `cc_cookie`.

    // Each choice is also sent to the consent-records service that `npm start` runs
    // beside the demo (records/ in the repository), which keeps it as proof of consent.
    // The privacy settings page links the visitor to their own records.
    consentLog: {
      endpoint: 'http://127.0.0.1:8787/v1/records',
      recordsUrl: 'http://127.0.0.1:8787/v1/records/{consentId}'
    },

    guiOptions: {
      consentModal: {
        layout: 'box wide',
        position: 'bottom right',
        equalWeightButtons: true,
        flipButtons: false
      },
      preferencesModal: {
        layout: 'box',
        equalWeightButtons: true,
        flipButtons: false
      }
    },

    categories: {
      necessary: {
        enabled: true,
        readOnly: true
      },
      analytics: {
        autoClear: {
          cookies: [
            { name: '_demo_an' },
            { name: /^_demo_an/ }
          ]
        },
        services: {
          insights: {
            label: 'Stratus Insights',
            cookies: [{ name: /^_demo_an/ }]
          }
        }
      },
      marketing: {
        autoClear: {
          cookies: [{ name: '_demo_mk' }]
        },
        services: {
          adpixel: {
            label: 'AdPixel',
            cookies: [{ name: '_demo_mk' }]
          }
        }
      }
    },

    language: {
      default: 'en',
      autoDetect: 'document',
      translations: {
        en: {
          consentModal: {
            title: 'Your privacy, your choice',
            description: 'Stratus Cloud uses cookies that are strictly necessary to run this site. With your permission, we would also like to measure how the site is used and show you relevant ads on other sites. You can change your mind at any time under “Cookie settings” at the bottom of every page.',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Manage preferences',
            closeIconLabel: 'Reject all and close',
            footer: privacyLink.en
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save my choices',
            closeIconLabel: 'Close',
            serviceCounterLabel: 'service|services',
            sections: [
              {
                title: 'How we use cookies',
                description: 'Choose which optional cookies we may use. Strictly necessary cookies cannot be switched off, because the site does not work without them. We keep your choice on this device for six months.'
              },
              {
                title: 'Strictly necessary',
                description: 'These remember your cookie choice and keep the site secure. They never follow you to other websites.',
                linkedCategory: 'necessary',
                cookieTable: {
                  caption: 'Stored on this device',
                  headers: { name: 'Name', domain: 'Set by', desc: 'Purpose', expiration: 'Expires' },
                  body: [
                    { name: 'cc_cookie', domain: 'This website (local storage)', desc: 'Remembers which cookies you accepted.', expiration: '6 months' }
                  ]
                }
              },
              {
                title: 'Analytics',
                description: 'Stratus Insights, our self-hosted analytics, counts page views and tells us which pages are useful. The data stays on our own servers and is never sold.',
                linkedCategory: 'analytics',
                cookieTable: {
                  caption: 'Analytics cookies',
                  headers: { name: 'Name', domain: 'Set by', desc: 'Purpose', expiration: 'Expires' },
                  body: [
                    { name: '_demo_an', domain: 'This website', desc: 'Records that analytics is switched on.', expiration: '1 year' },
                    { name: '_demo_an_id', domain: 'This website', desc: 'A random ID, so that we count each visitor only once.', expiration: '1 year' }
                  ]
                }
              },
              {
                title: 'Marketing',
                description: 'The AdPixel conversion tag tells our advertising partners that you visited us, so that they can measure campaigns and show you Stratus ads on other websites.',
                linkedCategory: 'marketing',
                cookieTable: {
                  caption: 'Marketing cookies',
                  headers: { name: 'Name', domain: 'Set by', desc: 'Purpose', expiration: 'Expires' },
                  body: [
                    { name: '_demo_mk', domain: 'AdPixel, on this website', desc: 'Links your visit to the ad you clicked.', expiration: '90 days' }
                  ]
                }
              },
              {
                title: 'More information',
                description: 'Questions about your data? Read our <a href="/privacy.html">privacy policy</a> or write to <a href="mailto:privacy@stratus.example">privacy@stratus.example</a>.'
              }
            ]
          }
        },

        de: {
          consentModal: {
            title: 'Ihre Daten, Ihre Entscheidung',
            description: 'Stratus Cloud verwendet Cookies, die für den Betrieb dieser Website unbedingt erforderlich sind. Mit Ihrer Einwilligung möchten wir außerdem messen, wie die Website genutzt wird, und Ihnen auf anderen Websites passende Werbung zeigen. Ihre Entscheidung können Sie jederzeit über „Cookie-Einstellungen“ am Ende jeder Seite ändern.',
            acceptAllBtn: 'Alle akzeptieren',
            acceptNecessaryBtn: 'Alle ablehnen',
            showPreferencesBtn: 'Einstellungen verwalten',
            closeIconLabel: 'Alle ablehnen und schließen',
            footer: privacyLink.de
          },
          preferencesModal: {
            title: 'Cookie-Einstellungen',
            acceptAllBtn: 'Alle akzeptieren',
            acceptNecessaryBtn: 'Alle ablehnen',
            savePreferencesBtn: 'Auswahl speichern',
            closeIconLabel: 'Schließen',
            serviceCounterLabel: 'Dienst|Dienste',
            sections: [
              {
                title: 'Wie wir Cookies verwenden',
                description: 'Legen Sie fest, welche optionalen Cookies wir verwenden dürfen. Unbedingt erforderliche Cookies lassen sich nicht abschalten, weil die Website ohne sie nicht funktioniert. Ihre Auswahl bleibt sechs Monate lang auf diesem Gerät gespeichert.'
              },
              {
                title: 'Unbedingt erforderlich',
                description: 'Diese Cookies merken sich Ihre Cookie-Auswahl und schützen die Website. Sie verfolgen Sie niemals auf andere Websites.',
                linkedCategory: 'necessary',
                cookieTable: {
                  caption: 'Auf diesem Gerät gespeichert',
                  headers: { name: 'Name', domain: 'Gesetzt von', desc: 'Zweck', expiration: 'Laufzeit' },
                  body: [
                    { name: 'cc_cookie', domain: 'Diese Website (lokaler Speicher)', desc: 'Speichert, welche Cookies Sie zugelassen haben.', expiration: '6 Monate' }
                  ]
                }
              },
              {
                title: 'Statistik',
                description: 'Stratus Insights, unsere selbst gehostete Webanalyse, zählt Seitenaufrufe und zeigt uns, welche Inhalte hilfreich sind. Die Daten bleiben auf unseren eigenen Servern und werden niemals verkauft.',
                linkedCategory: 'analytics',
                cookieTable: {
                  caption: 'Statistik-Cookies',
                  headers: { name: 'Name', domain: 'Gesetzt von', desc: 'Zweck', expiration: 'Laufzeit' },
                  body: [
                    { name: '_demo_an', domain: 'Diese Website', desc: 'Vermerkt, dass die Statistik eingeschaltet ist.', expiration: '1 Jahr' },
                    { name: '_demo_an_id', domain: 'Diese Website', desc: 'Eine zufällige Kennung, damit wir jeden Besucher nur einmal zählen.', expiration: '1 Jahr' }
                  ]
                }
              },
              {
                title: 'Marketing',
                description: 'Das AdPixel-Conversion-Tag teilt unseren Werbepartnern mit, dass Sie uns besucht haben. So können sie Kampagnen auswerten und Ihnen auf anderen Websites Werbung für Stratus zeigen.',
                linkedCategory: 'marketing',
                cookieTable: {
                  caption: 'Marketing-Cookies',
                  headers: { name: 'Name', domain: 'Gesetzt von', desc: 'Zweck', expiration: 'Laufzeit' },
                  body: [
                    { name: '_demo_mk', domain: 'AdPixel, auf dieser Website', desc: 'Verknüpft Ihren Besuch mit der Anzeige, auf die Sie geklickt haben.', expiration: '90 Tage' }
                  ]
                }
              },
              {
                title: 'Weitere Informationen',
                description: 'Fragen zu Ihren Daten? Lesen Sie unsere <a href="/privacy.html">Datenschutzerklärung</a> oder schreiben Sie an <a href="mailto:privacy@stratus.example">privacy@stratus.example</a>.'
              }
            ]
          }
        },

        es: {
          consentModal: {
            title: 'Tu privacidad, tu decisión',
            description: 'Stratus Cloud utiliza cookies estrictamente necesarias para que este sitio funcione. Si nos das permiso, también nos gustaría medir cómo se usa el sitio y mostrarte anuncios relevantes en otras webs. Puedes cambiar de opinión cuando quieras en «Configuración de cookies», al pie de cada página.',
            acceptAllBtn: 'Aceptar todas',
            acceptNecessaryBtn: 'Rechazar todas',
            showPreferencesBtn: 'Gestionar preferencias',
            closeIconLabel: 'Rechazar todas y cerrar',
            footer: privacyLink.es
          },
          preferencesModal: {
            title: 'Preferencias de cookies',
            acceptAllBtn: 'Aceptar todas',
            acceptNecessaryBtn: 'Rechazar todas',
            savePreferencesBtn: 'Guardar mi selección',
            closeIconLabel: 'Cerrar',
            serviceCounterLabel: 'servicio|servicios',
            sections: [
              {
                title: 'Cómo usamos las cookies',
                description: 'Elige qué cookies opcionales podemos usar. Las cookies estrictamente necesarias no se pueden desactivar, porque sin ellas el sitio no funciona. Guardaremos tu elección en este dispositivo durante seis meses.'
              },
              {
                title: 'Estrictamente necesarias',
                description: 'Recuerdan tu elección sobre las cookies y mantienen el sitio seguro. Nunca te siguen por otros sitios web.',
                linkedCategory: 'necessary',
                cookieTable: {
                  caption: 'Guardadas en este dispositivo',
                  headers: { name: 'Nombre', domain: 'Origen', desc: 'Finalidad', expiration: 'Caducidad' },
                  body: [
                    { name: 'cc_cookie', domain: 'Este sitio (almacenamiento local)', desc: 'Recuerda qué cookies has aceptado.', expiration: '6 meses' }
                  ]
                }
              },
              {
                title: 'Analítica',
                description: 'Stratus Insights, nuestra herramienta de analítica alojada en servidores propios, cuenta las visitas a cada página y nos indica qué contenido resulta útil. Los datos no salen de nuestros servidores y nunca se venden.',
                linkedCategory: 'analytics',
                cookieTable: {
                  caption: 'Cookies de analítica',
                  headers: { name: 'Nombre', domain: 'Origen', desc: 'Finalidad', expiration: 'Caducidad' },
                  body: [
                    { name: '_demo_an', domain: 'Este sitio', desc: 'Indica que la analítica está activada.', expiration: '1 año' },
                    { name: '_demo_an_id', domain: 'Este sitio', desc: 'Un identificador aleatorio para contar a cada visitante una sola vez.', expiration: '1 año' }
                  ]
                }
              },
              {
                title: 'Marketing',
                description: 'La etiqueta de conversión de AdPixel avisa a nuestros socios publicitarios de que nos has visitado, para que puedan medir sus campañas y mostrarte anuncios de Stratus en otros sitios web.',
                linkedCategory: 'marketing',
                cookieTable: {
                  caption: 'Cookies de marketing',
                  headers: { name: 'Nombre', domain: 'Origen', desc: 'Finalidad', expiration: 'Caducidad' },
                  body: [
                    { name: '_demo_mk', domain: 'AdPixel, en este sitio', desc: 'Relaciona tu visita con el anuncio en el que hiciste clic.', expiration: '90 días' }
                  ]
                }
              },
              {
                title: 'Más información',
                description: '¿Tienes dudas sobre tus datos? Consulta nuestra <a href="/privacy.html">política de privacidad</a> o escríbenos a <a href="mailto:privacy@stratus.example">privacy@stratus.example</a>.'
              }
            ]
          }
        },

        fr: {
          consentModal: {
            title: 'Vos données, votre choix',
            description: 'Stratus Cloud utilise des cookies strictement nécessaires au fonctionnement de ce site. Avec votre accord, nous aimerions aussi mesurer l’utilisation du site et vous montrer des publicités pertinentes sur d’autres sites. Vous pouvez changer d’avis à tout moment via «\u00a0Paramètres des cookies\u00a0», en bas de chaque page.',
            acceptAllBtn: 'Tout accepter',
            acceptNecessaryBtn: 'Tout refuser',
            showPreferencesBtn: 'Gérer mes préférences',
            closeIconLabel: 'Tout refuser et fermer',
            footer: privacyLink.fr
          },
          preferencesModal: {
            title: 'Paramètres des cookies',
            acceptAllBtn: 'Tout accepter',
            acceptNecessaryBtn: 'Tout refuser',
            savePreferencesBtn: 'Enregistrer mes choix',
            closeIconLabel: 'Fermer',
            serviceCounterLabel: 'service|services',
            sections: [
              {
                title: 'Notre utilisation des cookies',
                description: 'Choisissez les cookies facultatifs que nous pouvons utiliser. Les cookies strictement nécessaires ne peuvent pas être désactivés, car le site ne fonctionne pas sans eux. Votre choix est conservé sur cet appareil pendant six mois.'
              },
              {
                title: 'Strictement nécessaires',
                description: 'Ils mémorisent votre choix en matière de cookies et protègent le site. Ils ne vous suivent jamais sur d’autres sites.',
                linkedCategory: 'necessary',
                cookieTable: {
                  caption: 'Enregistrés sur cet appareil',
                  headers: { name: 'Nom', domain: 'Déposé par', desc: 'Finalité', expiration: 'Durée' },
                  body: [
                    { name: 'cc_cookie', domain: 'Ce site (stockage local)', desc: 'Mémorise les cookies que vous avez acceptés.', expiration: '6 mois' }
                  ]
                }
              },
              {
                title: 'Mesure d’audience',
                description: 'Stratus Insights, notre outil de mesure d’audience hébergé sur nos propres serveurs, compte les pages vues et nous indique les contenus utiles. Les données restent sur nos serveurs et ne sont jamais vendues.',
                linkedCategory: 'analytics',
                cookieTable: {
                  caption: 'Cookies de mesure d’audience',
                  headers: { name: 'Nom', domain: 'Déposé par', desc: 'Finalité', expiration: 'Durée' },
                  body: [
                    { name: '_demo_an', domain: 'Ce site', desc: 'Indique que la mesure d’audience est activée.', expiration: '1 an' },
                    { name: '_demo_an_id', domain: 'Ce site', desc: 'Un identifiant aléatoire, pour ne compter chaque visiteur qu’une seule fois.', expiration: '1 an' }
                  ]
                }
              },
              {
                title: 'Marketing',
                description: 'La balise de conversion AdPixel signale à nos partenaires publicitaires que vous nous avez rendu visite, afin qu’ils puissent mesurer leurs campagnes et vous montrer des publicités Stratus sur d’autres sites.',
                linkedCategory: 'marketing',
                cookieTable: {
                  caption: 'Cookies marketing',
                  headers: { name: 'Nom', domain: 'Déposé par', desc: 'Finalité', expiration: 'Durée' },
                  body: [
                    { name: '_demo_mk', domain: 'AdPixel, sur ce site', desc: 'Relie votre visite à l’annonce sur laquelle vous avez cliqué.', expiration: '90 jours' }
                  ]
                }
              },
              {
                title: 'En savoir plus',
                description: 'Des questions sur vos données\u00a0? Consultez notre <a href="/privacy.html">politique de confidentialité</a> ou écrivez-nous à <a href="mailto:privacy@stratus.example">privacy@stratus.example</a>.'
              }
            ]
          }
        },

        // Portuguese, Thai, Chinese and Malay: consentry's built-in texts (banner, preferences,
        // sections built from the categories); the site adds only its privacy link.
        pt: { consentModal: { footer: privacyLink.pt } },
        th: { consentModal: { footer: privacyLink.th } },
        zh: { consentModal: { footer: privacyLink.zh } },
        ms: { consentModal: { footer: privacyLink.ms } }
      }
    }
  };
})();
