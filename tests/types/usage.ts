// Everything here must type-check: every API function, every config key (extensions
// included), the cc: events, and both ways of naming the types.
import * as CookieConsent from 'consentry';
import init, {
    acceptCategory,
    acceptedCategory,
    run,
    type AcceptType,
    type Category,
    type ConsentRecord,
    type CookieConsentConfig,
    type CookieValue,
    type Translation,
    type UserPreferences,
} from 'consentry';

// ---------------------------------------------------------------------------------------------
// A typical v3 config, as copied from a v3 site (only the import changed).

const v3Config: CookieConsent.CookieConsentConfig = {
    guiOptions: {
        consentModal: {
            layout: 'box inline',
            position: 'bottom left',
            equalWeightButtons: true,
            flipButtons: false,
        },
        preferencesModal: {
            layout: 'box',
            position: 'right',
            equalWeightButtons: true,
            flipButtons: false,
        },
    },
    categories: {
        necessary: {
            readOnly: true,
        },
        functionality: {},
        analytics: {
            autoClear: {
                cookies: [{ name: /^_ga/ }, { name: '_gid' }],
            },
            services: {
                ga: {
                    label: 'Google Analytics',
                    onAccept: () => {},
                    onReject: () => {},
                },
                youtube: {
                    label: 'Youtube Embed',
                    onAccept: () => {},
                    onReject: () => {},
                },
            },
        },
        marketing: {},
    },
    language: {
        default: 'en',
        autoDetect: 'browser',
        translations: {
            en: {
                consentModal: {
                    title: "Hello traveller, it's cookie time!",
                    description: 'We use cookies. {{revisionMessage}}',
                    acceptAllBtn: 'Accept all',
                    acceptNecessaryBtn: 'Reject all',
                    showPreferencesBtn: 'Manage preferences',
                    footer: '<a href="#link">Privacy Policy</a>\n<a href="#link">Terms and conditions</a>',
                },
                preferencesModal: {
                    title: 'Consent Preferences Center',
                    acceptAllBtn: 'Accept all',
                    acceptNecessaryBtn: 'Reject all',
                    savePreferencesBtn: 'Save preferences',
                    closeIconLabel: 'Close modal',
                    serviceCounterLabel: 'Service|Services',
                    sections: [
                        { title: 'Cookie Usage', description: 'Lorem ipsum.' },
                        {
                            title: 'Strictly Necessary Cookies <span class="pm__badge">Always Enabled</span>',
                            description: 'Lorem ipsum.',
                            linkedCategory: 'necessary',
                        },
                        {
                            title: 'Analytics Cookies',
                            description: 'Lorem ipsum.',
                            linkedCategory: 'analytics',
                            cookieTable: {
                                headers: { name: 'Name', domain: 'Service', description: 'Description', expiration: 'Expiration' },
                                body: [
                                    { name: '_ga', domain: 'Google Analytics', description: 'Set by GA.', expiration: '2 years' },
                                ],
                            },
                        },
                        { title: 'More information', description: 'For any query, <a class="cc__link" href="#yourdomain.com">contact me</a>.' },
                    ],
                },
            },
            de: '/assets/translations/de.json',
        },
    },
    onFirstConsent: ({ cookie }) => {
        console.log('onFirstConsent fired', cookie);
    },
    onConsent: ({ cookie }) => {
        console.log('onConsent fired!', cookie, cookie.categories);
    },
    onChange: ({ changedCategories, changedServices }) => {
        console.log('onChange fired!', changedCategories, changedServices);
    },
    onModalReady: ({ modalName, modal }) => {
        console.log('ready:', modalName, modal.tagName);
    },
    onModalShow: ({ modalName }) => {
        console.log('visible:', modalName);
    },
    onModalHide: ({ modalName }) => {
        console.log('hidden:', modalName);
    },
};

// v3's usual call style, through the namespace import.
CookieConsent.run(v3Config).then(() => {
    if (CookieConsent.acceptedCategory('analytics')) console.log('analytics on');
});

// ---------------------------------------------------------------------------------------------
// Every config key, consentry's extensions included.

const full: CookieConsentConfig = {
    root: '#app',
    mode: 'opt-out',
    autoShow: false,
    revision: 3,
    manageScriptTags: true,
    autoClearCookies: true,
    disablePageInteraction: true,
    hideFromBots: false,
    lazyHtmlGeneration: false,
    guiOptions: {
        consentModal: { layout: 'cloud inline', position: 'middle center', flipButtons: true, equalWeightButtons: false },
        preferencesModal: { layout: 'bar wide', position: 'left', flipButtons: true, equalWeightButtons: false },
    },
    cookie: {
        name: 'my_consent',
        domain: 'example.com',
        path: '/shop',
        sameSite: 'Strict',
        secure: true,
        expiresAfterDays: (acceptType) => (acceptType === 'all' ? 365 : 182),
        useLocalStorage: false,
    },
    onFirstConsent: (p) => void p.cookie.consentId,
    onConsent: (p) => void p.cookie.expirationTime,
    onChange: (p) => void p.changedServices['analytics']?.length,
    onModalShow: (p) => void (p.modalName === 'consentModal'),
    onModalHide: (p) => void (p.modalName === 'preferencesModal'),
    onModalReady: (p) => void p.modal.focus(),
    categories: {
        necessary: { enabled: true, readOnly: true },
        analytics: {
            enabled: false,
            readOnly: false,
            services: {
                ga: {
                    label: 'Google Analytics',
                    onAccept() {},
                    onReject() {},
                    cookies: [{ name: /^_ga/, path: '/', domain: '.example.com' }],
                    urls: ['https://www.googletagmanager.com/', 'https://*.google-analytics.com/'],
                },
            },
            autoClear: {
                cookies: [{ name: '_gid', path: '/', domain: 'example.com' }],
                reloadPage: true,
                storageKeys: ['_hjSession', /^amplitude_/],
            },
        },
        marketing: { autoClear: { storageKeys: [/^_fb/] } },
    },
    language: {
        default: 'en',
        rtl: ['ar', 'he'],
        autoDetect: 'document',
        translations: {
            en: { consentModal: { label: 'Cookie consent', revisionMessage: 'We changed things.', closeIconLabel: 'Close' } },
            fr: '/i18n/fr.json',
            de: () => ({ consentModal: { title: 'Cookies' } }),
            es: async () => {
                const response = await fetch('/i18n/es.json');
                return (await response.json()) as Translation;
            },
            ar: {
                preferencesModal: {
                    sections: [{ title: 'x', cookieTable: { caption: 'Cookies', headers: { name: 'Name' } } }],
                },
            },
        },
    },
    googleConsentMode: {
        mapping: { analytics_storage: 'analytics', ad_storage: ['marketing'], security_storage: [] },
        waitForUpdate: 500,
        regions: ['ES', 'US-CA'],
        urlPassthrough: true,
        adsDataRedaction: true,
    },
    gpc: { categories: ['marketing', 'analytics'] },
    debug: true,
    consentLog: { endpoint: 'https://example.com/consent-log' },
};

// The short forms of the extensions, and the variants v3 allows.
const short: CookieConsentConfig = {
    root: document.body,
    cookie: { expiresAfterDays: 30, sameSite: 'None' },
    categories: { necessary: { readOnly: true } },
    language: { default: 'en', rtl: 'ar', translations: {} },
    googleConsentMode: true,
    microsoftConsentMode: true,
    gpc: true,
    consentLog: { endpoint: '/log' },
};
const uet: CookieConsentConfig = { categories: { ads: {} }, language: { default: 'en', translations: {} }, microsoftConsentMode: { categories: ['ads'] } };
void uet;
// What every consent pushes to window.dataLayer (README "Tag managers").
const pushed = (window as unknown as { dataLayer: unknown[] }).dataLayer.find(
    (e): e is CookieConsent.ConsentryDataLayerEvent => (e as { event?: string }).event === 'consentry_update',
);
if (pushed) {
    const analyticsOn: boolean = pushed.consentry.categories['analytics'];
    const gaOn: boolean | undefined = pushed.consentry.services['analytics']?.['ga'];
    const type: CookieConsent.AcceptType | '' = pushed.consentry.acceptType;
    void [analyticsOn, gaOn, type];
}
// `language` is optional (consentry's built-in English), and so are its `default` and `translations`.
const minimal: CookieConsentConfig = { categories: { necessary: { readOnly: true }, analytics: {} } };
const builtIn: CookieConsentConfig = { categories: {}, language: { autoDetect: 'browser' } };
// Every documented translation key (README "Config reference").
const everyText: CookieConsent.Translation = {
    consentModal: { title: 't', gpcNotice: 'Your browser asked us not to sell or share your data.' },
    preferencesModal: { introTitle: 'a', introDescription: 'b', moreTitle: 'c', moreDescription: 'd', gpcNotice: 'e' },
    embedPlaceholder: { text: 'This content is hosted by {service}.', loadBtn: 'Load content', preferencesBtn: 'Preferences' },
    preferenceCenter: {
        historyTitle: 'h', historyEmpty: 'e', historyAll: 'a', historyNecessary: 'n', historyCustom: 'c', receiptBtn: 'r', recordsLink: 'l',
    },
    categories: { analytics: { title: 'Analytics', description: 'Counts visits.' } },
};
void [minimal, builtIn, everyText];
const nullRoot: CookieConsentConfig = { root: null, categories: {}, language: { default: 'en', translations: {} }, googleConsentMode: false, gpc: false };
void full;
void short;
void nullRoot;

// ---------------------------------------------------------------------------------------------
// Every API function.

async function api(): Promise<void> {
    await init();
    await init('/static/consentry_bg.wasm');
    await init(new URL('https://cdn.example.com/consentry_bg.wasm'));
    await init({ module_or_path: fetch('/consentry_bg.wasm') });
    await init({ module_or_path: new Uint8Array([0, 97, 115, 109]) });
    const loaded: unknown = await init(await WebAssembly.compile(new Uint8Array()));
    void loaded;

    const done: void = await run(full);
    void done;
    CookieConsent.show();
    CookieConsent.show(true);
    CookieConsent.hide();
    CookieConsent.showPreferences();
    CookieConsent.hidePreferences();

    acceptCategory();
    acceptCategory('all');
    acceptCategory([]);
    acceptCategory('analytics');
    acceptCategory(['analytics', 'marketing'], ['marketing']);
    acceptCategory('all', ['marketing']);

    CookieConsent.acceptService('all', 'analytics');
    CookieConsent.acceptService(['ga', 'hotjar'], 'analytics');
    CookieConsent.acceptService([], 'analytics');

    const a: boolean = acceptedCategory('analytics');
    const s: boolean = CookieConsent.acceptedService('ga', 'analytics');
    const v: boolean = CookieConsent.validConsent();
    const c: boolean = CookieConsent.validCookie('_ga');
    void [a, s, v, c];

    CookieConsent.eraseCookies('_gid');
    CookieConsent.eraseCookies(/^_ga/);
    CookieConsent.eraseCookies(['_gid', /^_ga/], '/', '.example.com');

    const ok: boolean = await CookieConsent.loadScript('https://example.com/script.js');
    await CookieConsent.loadScript('/x.js', { async: '', 'data-foo': 'bar', nonce: 'abc' });
    void ok;

    const written: boolean = CookieConsent.setCookieData({ value: { theme: 'dark' } });
    CookieConsent.setCookieData({ value: 'x', mode: 'update' });
    CookieConsent.setCookieData({ value: 1, mode: 'overwrite' });
    void written;

    const cookie: CookieValue = CookieConsent.getCookie();
    const cats: string[] = CookieConsent.getCookie('categories');
    const revision: number = CookieConsent.getCookie('revision');
    const id: string = CookieConsent.getCookie('consentId');
    const lang: string = CookieConsent.getCookie('languageCode');
    const expires: number = CookieConsent.getCookie('expirationTime');
    const services: { [category: string]: string[] } = CookieConsent.getCookie('services');
    const theme: string = CookieConsent.getCookie('data').theme; // data is `any`, as in v3
    void [cookie.lastConsentTimestamp, cookie.consentTimestamp, cats, revision, id, lang, expires, services, theme];

    const config: CookieConsentConfig = CookieConsent.getConfig();
    const mode: 'opt-in' | 'opt-out' | undefined = CookieConsent.getConfig('mode');
    const categories: { [name: string]: Category } = CookieConsent.getConfig('categories');
    const defaultLanguage: string = CookieConsent.getConfig('language')?.default ?? 'en'; // language is optional
    const gcm = CookieConsent.getConfig('googleConsentMode');
    if (typeof gcm === 'object') void gcm.mapping?.ad_user_data;
    void [config, mode, categories, defaultLanguage];

    const prefs: UserPreferences = CookieConsent.getUserPreferences();
    const acceptType: AcceptType = prefs.acceptType;
    void [acceptType, prefs.acceptedCategories, prefs.rejectedCategories, prefs.acceptedServices['analytics'], prefs.rejectedServices];

    const changed: boolean = await CookieConsent.setLanguage('de');
    await CookieConsent.setLanguage('fr', true);
    void changed;

    CookieConsent.reset();
    CookieConsent.reset(true);

    // consentry's additions.
    const target = document.getElementById('privacy-settings');
    if (target) CookieConsent.mountPreferences(target);
    const history: ConsentRecord[] = CookieConsent.getConsentHistory();
    for (const record of history) {
        const when: string = record.time;
        const accepted: string[] = record.categories;
        const byCategory: { [category: string]: string[] } = record.services;
        const rev: number = record.revision;
        const language: string = record.language;
        void [when, accepted, byCategory, rev, language];
    }
    CookieConsent.downloadReceipt();
    CookieConsent.scan();
    const widget = document.getElementById('widget');
    if (widget && widget.shadowRoot) CookieConsent.scan(widget.shadowRoot);
}
void api;

// ---------------------------------------------------------------------------------------------
// The cc: events on window.

window.addEventListener('cc:onFirstConsent', (e) => {
    const categories: string[] = e.detail.cookie.categories;
    void categories;
});
window.addEventListener('cc:onConsent', ({ detail }) => {
    const id: string = detail.cookie.consentId;
    void id;
});
addEventListener('cc:onChange', (e) => {
    const changed: string[] = e.detail.changedCategories;
    const services: string[] | undefined = e.detail.changedServices['analytics'];
    const cookie: CookieValue = e.detail.cookie;
    void [changed, services, cookie];
});
window.addEventListener('cc:onModalShow', (e) => {
    const name: CookieConsent.ModalName = e.detail.modalName;
    void name;
});
window.addEventListener('cc:onModalHide', (e) => void e.detail.modalName);
window.addEventListener('cc:onModalReady', (e) => {
    const modal: HTMLElement = e.detail.modal;
    const name: 'consentModal' | 'preferencesModal' = e.detail.modalName;
    void [modal, name];
});
window.removeEventListener('cc:onChange', () => {});

// ---------------------------------------------------------------------------------------------
// The script-tag global, typed everywhere (as in v3).

window.CookieConsent.run(v3Config).catch((error: Error) => console.error(error.message));
window.CookieConsent.init({ module_or_path: '/consentry_bg.wasm' });
window.CookieConsent.showPreferences();
const fromWindow: CookieConsent.UserPreferences = window.CookieConsent.getUserPreferences();
const api2: CookieConsent.CookieConsentApi = window.CookieConsent;
void [fromWindow, api2];

// Both name styles are the same types.
const sameConfig: CookieConsent.CookieConsentConfig = full;
const sameTranslation: CookieConsent.Translation = {} as Translation;
const sameCategory: Category = {} as CookieConsent.Category;
const sameItem: CookieConsent.CookieItems = {} as CookieConsent.CookieItem;
void [sameConfig, sameTranslation, sameCategory, sameItem];

// v3's getCookie(field, cookieName) and acceptService's false.
export const otherCookie: unknown = CookieConsent.getCookie('theme', 'prefs');
export const refused: false | void = CookieConsent.acceptService('', 'analytics');
