// The benchmark's banners and the pages it serves: one demo content page, identical for every
// banner except for the banner's own <link>/<script> in <head>, its config script right after
// them, and the way the two demo scripts (analytics, marketing) are held.
//
// The config script is `defer` for every banner: it runs once the document is parsed, the same
// moment for all. (vanilla-cookieconsent's run() needs document.body — its docs load the config
// as a module, i.e. deferred — and Osano's popup too; a plain script in <head> would throw.)
//
// Texts and categories live here once; each banner's config script is generated from them in
// that banner's own format, so every banner shows the same English texts.

export const TEXT = {
  title: 'We use cookies',
  description:
    'We use cookies that are strictly necessary to run this site. With your consent we would also ' +
    'like to measure how the site is used and show you relevant ads on other sites. You can change ' +
    'your choice at any time under “Cookie settings” at the bottom of every page.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  manage: 'Manage preferences',
  save: 'Save preferences',
  close: 'Close',
  privacy: 'Privacy policy',
  privacyUrl: '/bench/privacy.html',
  prefsTitle: 'Cookie preferences',
  prefsDescription: 'Choose which cookies you allow. Strictly necessary cookies are always on.',
  categories: {
    necessary: { title: 'Strictly necessary', description: 'Needed for the site to work: your session and this choice.' },
    analytics: { title: 'Analytics', description: 'Stratus Insights counts visits and page views, without identifying you.', service: 'Stratus Insights' },
    marketing: { title: 'Marketing', description: 'AdPixel measures our ads on other sites and shows you relevant ones.', service: 'AdPixel' },
  },
};

/**
 * Each banner: where its files are served from (`files`: URL paths of its CSS and JS, the
 * "banner's own files" whose bytes are counted; `ownPrefix`: any request under it is the
 * banner's, e.g. consentry's wasm), the element that is "the banner" for the visibility
 * detector, and the button that accepts everything (used once, to produce the stored consent
 * of the returning visit in the banner's own format).
 */
export const BANNERS = [
  { id: 'none', name: 'none (no banner)', files: [], ownPrefix: null, root: null, acceptAll: null },
  {
    id: 'consentry',
    name: 'consentry',
    css: '/dist/consentry.css',
    js: '/dist/consentry.js',
    ownPrefix: '/dist/',
    root: '#cc-main .cm',
    acceptAll: '#cc-main .cm__btn[data-role="all"]',
  },
  {
    id: 'vanilla',
    name: 'vanilla-cookieconsent 3.1.0',
    css: '/vendor/vanilla-cookieconsent/cookieconsent.css',
    js: '/vendor/vanilla-cookieconsent/cookieconsent.umd.js',
    ownPrefix: '/vendor/vanilla-cookieconsent/',
    root: '#cc-main .cm',
    acceptAll: '#cc-main .cm__btn[data-role="all"]',
  },
  {
    id: 'klaro',
    name: 'klaro 0.7.22',
    css: '/vendor/klaro/klaro.min.css',
    js: '/vendor/klaro/klaro-no-css.js',
    ownPrefix: '/vendor/klaro/',
    root: '.klaro .cookie-notice',
    acceptAll: '.klaro .cookie-notice .cm-btn-success',
  },
  {
    id: 'osano',
    name: 'Osano cookieconsent 3.1.1',
    css: '/vendor/cookieconsent/cookieconsent.min.css',
    js: '/vendor/cookieconsent/cookieconsent.min.js',
    ownPrefix: '/vendor/cookieconsent/',
    root: '.cc-window',
    acceptAll: '.cc-window .cc-allow',
  },
];
// BENCH_BASELINE=<folder under the project root holding another consentry build> adds it as
// one more banner, `baseline`, interleaved with the others (before/after figures of one run).
const BASELINE = process.env.BENCH_BASELINE;
if (BASELINE) {
  BANNERS.splice(2, 0, { ...BANNERS[1], id: 'baseline', name: `consentry (baseline ${BASELINE})`, css: '/baseline/consentry.css', js: '/baseline/consentry.js', ownPrefix: '/baseline/' });
}
for (const b of BANNERS) if (!b.files) b.files = [b.css, b.js];

/** URL prefix → directory (relative to the project root) for the published files. */
export const MOUNTS = {
  '/dist/': 'dist',
  ...(BASELINE ? { '/baseline/': BASELINE } : {}),
  '/vendor/vanilla-cookieconsent/': 'node_modules/vanilla-cookieconsent/dist',
  '/vendor/klaro/': 'node_modules/klaro/dist',
  '/vendor/cookieconsent/': 'node_modules/cookieconsent/build',
  '/bench/': 'bench/site',
};

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The held demo scripts, in each banner's own convention. */
function heldScripts(id) {
  const srcs = { analytics: '/bench/analytics.js', marketing: '/bench/marketing.js' };
  const tags = Object.entries(srcs).map(([cat, src]) => {
    switch (id) {
      case 'none':
        return `<script src="${src}"></script>`;
      case 'consentry':
      case 'baseline':
      case 'vanilla':
        return `<script type="text/plain" data-category="${cat}" data-src="${src}"></script>`;
      case 'klaro':
        return `<script type="text/plain" data-type="text/javascript" data-name="${cat}" data-src="${src}"></script>`;
      case 'osano':
        return ''; // Osano has no tag convention: its callbacks load the scripts (see the config).
      default:
        throw new Error(id);
    }
  });
  return tags.filter(Boolean).join('\n  ');
}

const PARAS = [
  'Stratus Cloud runs your applications close to your users. Deploy from a Git push, scale to zero when nobody is looking, and pay only for the milliseconds your code actually runs. Every region gets the same runtime, the same limits and the same dashboards.',
  'Our edge network spans forty locations on five continents. Static files are cached at every location, while dynamic requests are routed to the nearest healthy region. When a region fails, traffic moves within seconds and your users notice nothing but a slightly longer round trip.',
  'Databases are replicated synchronously inside a region and asynchronously across regions. Reads are served locally; writes go to the primary and are acknowledged once two replicas have them. Point-in-time recovery keeps thirty days of history on every plan.',
  'Observability is built in: logs, metrics and traces are collected without an agent and kept for fourteen days. Alerts can page your team, open an issue or call a webhook, and every alert links to the exact deploy that was live when it fired.',
  'Pricing is simple. The free tier includes one hundred thousand requests a month and a small database. Paid plans start at nine euros a month and add custom domains, more regions, longer log retention and support that answers within a business day.',
];

/**
 * The page variants (`--page`): how the banner's script and config are included.
 * - `file` (the default): the banner's `<script src>`, then its config as a separate
 *   `<script defer src="/bench/config/<id>.js">` (v3's docs: a config file, loaded deferred);
 * - `inline`: the banner's `<script src>` and the config inline in `<head>`, run on
 *   DOMContentLoaded: no request for the config;
 * - `defer`: as `inline`, with the banner's script `<script defer src>`.
 * Served under `/page/<id>.html`, `/page-inline/<id>.html` and `/page-defer/<id>.html`.
 */
export const PAGES = { file: '/page/', inline: '/page-inline/', defer: '/page-defer/' };

/** The HTML of the demo page with banner `id`, in variant `variant` (a key of PAGES). */
export function pageHtml(id, variant = 'file') {
  const b = BANNERS.find((x) => x.id === id);
  if (!b || !PAGES[variant]) return null;
  const inline = () => {
    const code = configJs(id).replace(/<\//g, '<\\/');
    return `<script>document.addEventListener('DOMContentLoaded', function () {\n${code}});</script>`;
  };
  const head =
    id === 'none'
      ? ''
      : variant === 'file'
        ? `<link rel="stylesheet" href="${b.css}">
  <script src="${b.js}"></script>
  <script defer src="/bench/config/${id}.js"></script>`
        : `<link rel="stylesheet" href="${b.css}">
  <script${variant === 'defer' ? ' defer' : ''} src="${b.js}"></script>
  ${inline()}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Stratus Cloud — apps at the edge</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/bench/site.css">
  ${head}
</head>
<body>
  <header class="site-header"><div class="wrap">
    <div class="logo">Stratus Cloud</div>
    <nav><a href="#">Product</a><a href="#">Pricing</a><a href="#">Docs</a><a href="${TEXT.privacyUrl}">Privacy</a></nav>
  </div></header>
  <section class="hero"><div class="wrap"><h1>Apps at the edge, without the ops.</h1></div></section>
  <main class="wrap">
    <article>
      <h2>Why teams move to Stratus</h2>
      ${PARAS.slice(0, 2).map((p) => `<p>${esc(p)}</p>`).join('\n      ')}
      <div class="figures">
        <figure><div class="img img-1" role="img" aria-label="A meadow under a sunny sky"></div><figcaption>Regions in five continents.</figcaption></figure>
        <figure><div class="img img-2" role="img" aria-label="A striped pattern"></div><figcaption>Replicated storage.</figcaption></figure>
        <figure><div class="img img-3" role="img" aria-label="A colour wheel"></div><figcaption>Built-in observability.</figcaption></figure>
      </div>
      ${PARAS.slice(2).map((p) => `<p>${esc(p)}</p>`).join('\n      ')}
    </article>
  </main>
  <footer class="site-footer"><div class="wrap">
    <p>© Stratus Cloud · <a href="${TEXT.privacyUrl}" style="color:#cbd2d9">${TEXT.privacy}</a></p>
    <button type="button" data-cc="show-preferencesModal">Cookie settings</button>
  </div></footer>
  ${heldScripts(id)}
</body>
</html>
`;
}

export function privacyHtml() {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Privacy</title><link rel="icon" href="data:,"></head>
<body><h1>Privacy policy</h1><p>This demo page exists for the benchmark.</p></body></html>\n`;
}

/** The config script of banner `id` (loaded right after the banner's script, in <head>). */
export function configJs(id) {
  const T = TEXT;
  const C = T.categories;
  const j = (v) => JSON.stringify(v, null, 2);
  switch (id) {
    case 'consentry':
    case 'baseline':
    case 'vanilla': {
      // The same vanilla-cookieconsent v3 config for both (consentry is a drop-in).
      const config = {
        hideFromBots: false, // Playwright sets navigator.webdriver
        categories: {
          necessary: { enabled: true, readOnly: true },
          analytics: {},
          marketing: {},
        },
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: T.title,
                description: T.description,
                acceptAllBtn: T.acceptAll,
                acceptNecessaryBtn: T.rejectAll,
                showPreferencesBtn: T.manage,
                footer: `<a href="${T.privacyUrl}">${T.privacy}</a>`,
              },
              preferencesModal: {
                title: T.prefsTitle,
                acceptAllBtn: T.acceptAll,
                acceptNecessaryBtn: T.rejectAll,
                savePreferencesBtn: T.save,
                closeIconLabel: T.close,
                sections: [
                  { description: T.prefsDescription },
                  ...['necessary', 'analytics', 'marketing'].map((c) => ({
                    title: C[c].title,
                    description: C[c].description,
                    linkedCategory: c,
                  })),
                ],
              },
            },
          },
        },
      };
      // The two marks (the same for both) time the config and run()'s end for the report's
      // breakdown of the first visit; v3's run() and consentry's both return a Promise.
      return `// ${id}: vanilla-cookieconsent v3 configuration (generated by bench/pages.mjs)
performance.mark('bench:config');
Promise.resolve(CookieConsent.run(${j(config)})).then(function () { performance.mark('bench:run'); });
`;
    }
    case 'klaro': {
      const config = {
        elementID: 'klaro',
        storageMethod: 'cookie',
        storageName: 'klaro',
        cookieExpiresAfterDays: 182,
        default: false, // opt-in
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        hideLearnMore: false,
        noticeAsModal: false,
        showNoticeTitle: true,
        htmlTexts: false,
        lang: 'en',
        translations: {
          zz: { privacyPolicyUrl: T.privacyUrl },
          en: {
            consentNotice: { title: T.title, description: T.description, learnMore: T.manage },
            ok: T.acceptAll,
            decline: T.rejectAll,
            acceptAll: T.acceptAll,
            acceptSelected: T.save,
            close: T.close,
            privacyPolicy: { name: T.privacy, text: 'See our {privacyPolicy}.' },
            consentModal: { title: T.prefsTitle, description: T.prefsDescription },
            purposes: {
              analytics: { title: C.analytics.title, description: C.analytics.description },
              marketing: { title: C.marketing.title, description: C.marketing.description },
            },
          },
        },
        services: [
          { name: 'analytics', title: C.analytics.service, purposes: ['analytics'], cookies: ['_demo_an'] },
          { name: 'marketing', title: C.marketing.service, purposes: ['marketing'], cookies: ['_demo_mk'] },
        ],
      };
      // klaro reads window.klaroConfig only while its own script runs; a config that comes
      // after it is passed to klaro.setup() (which renders at once when the DOM is parsed).
      return `// klaro configuration (generated by bench/pages.mjs)\nperformance.mark('bench:config');\nwindow.klaroConfig = ${j(config)};\nklaro.setup(window.klaroConfig);\n`;
    }
    case 'osano': {
      const options = {
        type: 'opt-in',
        position: 'bottom-right',
        layout: 'basic-header',
        theme: 'classic',
        palette: { popup: { background: '#ffffff', text: '#1f2933' }, button: { background: '#12355b', text: '#ffffff' } },
        cookie: { name: 'cookieconsent_status', expiryDays: 182 },
        content: {
          header: T.title,
          message: T.description,
          allow: T.acceptAll,
          deny: T.rejectAll,
          link: T.privacy,
          href: T.privacyUrl,
          policy: 'Cookie settings',
        },
      };
      // Osano has one consent for everything and no script-tag convention: its callbacks load
      // the scripts. (Its popup needs document.body, which a deferred script has.)
      return `// Osano cookieconsent configuration (generated by bench/pages.mjs)
(function () {
  var loaded = false;
  function release() {
    if (loaded) return;
    loaded = true;
    ['/bench/analytics.js', '/bench/marketing.js'].forEach(function (src) {
      var s = document.createElement('script');
      s.src = src;
      s.async = false; // keep document order, as the other banners do
      document.head.appendChild(s);
    });
  }
  var options = ${j(options)};
  options.onInitialise = function () { if (this.hasConsented()) release(); };
  options.onStatusChange = function () { if (this.hasConsented()) release(); };
  performance.mark('bench:config');
  window.cookieconsent.initialise(options);
})();
`;
    }
    default:
      return null;
  }
}
