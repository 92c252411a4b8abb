// Types for consentry: the API and the config, under vanilla-cookieconsent v3's type names
// so typed v3 code compiles unchanged, plus consentry's extensions.
//
// Three ways to reach them, as with v3:
//   import * as CookieConsent from 'consentry'         (CookieConsent.run, CookieConsent.CookieConsentConfig)
//   import { run, type CookieConsentConfig } from 'consentry'
//   the script-tag global: window.CookieConsent, and `CookieConsent.*` in non-module scripts

export as namespace CookieConsent;

// ---------------------------------------------------------------------------------------------
// Small unions

/** How the visitor chose: everything, only the necessary categories, or a custom selection. */
export type AcceptType = 'all' | 'custom' | 'necessary';

/** Consent modal layouts. */
export type ConsentModalLayout = 'box' | 'box wide' | 'box inline' | 'cloud' | 'cloud inline' | 'bar' | 'bar inline';

/** Consent modal positions: a vertical place, optionally followed by a horizontal one. */
export type ConsentModalPosition =
    | 'top'
    | 'middle'
    | 'bottom'
    | 'top left'
    | 'top center'
    | 'top right'
    | 'middle left'
    | 'middle center'
    | 'middle right'
    | 'bottom left'
    | 'bottom center'
    | 'bottom right';

/** Preferences modal layouts. */
export type PreferencesModalLayout = 'box' | 'bar' | 'bar wide';

/** Side of the page for the preferences modal (bar layouts only). */
export type PreferencesModalPosition = 'left' | 'right';

/** The two modals, as named in events and callbacks. */
export type ModalName = 'consentModal' | 'preferencesModal';

/** Google Consent Mode v2 consent types. */
export type ConsentType =
    | 'ad_storage'
    | 'ad_user_data'
    | 'ad_personalization'
    | 'analytics_storage'
    | 'functionality_storage'
    | 'personalization_storage'
    | 'security_storage';

// ---------------------------------------------------------------------------------------------
// Categories and services

/** A cookie to erase, matched by name (exact string or RegExp). */
export interface CookieItem {
    /** Cookie name, or a RegExp tested against every cookie name. */
    name: string | RegExp;
    /** Path the cookie was set with (default: '/'). */
    path?: string;
    /** Domain the cookie was set with (default: the current host). */
    domain?: string;
}

/** v3.0's name for {@link CookieItem}. */
export type CookieItems = CookieItem;

/** What to clean up when a category is rejected after having been accepted. */
export interface AutoClear {
    /** Cookies to erase. */
    cookies?: CookieItem[];
    /** Reload the page once cleaned up (default: false). */
    reloadPage?: boolean;
    /** consentry: localStorage/sessionStorage keys to remove as well. */
    storageKeys?: (string | RegExp)[];
}

/** A service that can be toggled on its own inside a category. */
export interface Service {
    /** Text shown for the service (HTML allowed, sanitized). */
    label?: string;
    /** Called when the service becomes accepted. */
    onAccept?: () => void;
    /** Called when the service is rejected after having been accepted. */
    onReject?: () => void;
    /** Cookies of this service, erased when it is rejected. */
    cookies?: CookieItem[];
    /** consentry: URL prefixes (or `*` globs) of the service; matching scripts, iframes and images added later wait for consent. */
    urls?: string[];
}

/** A consent category (`necessary`, `analytics`, …). */
export interface Category {
    /** Start out accepted (and, in opt-out mode, run before any choice) (default: false). */
    enabled?: boolean;
    /** Always on: the visitor cannot turn it off (default: false). */
    readOnly?: boolean;
    /** Services of this category, by name. */
    services?: { [serviceName: string]: Service };
    /** Cleanup when this category is rejected. */
    autoClear?: AutoClear;
}

// ---------------------------------------------------------------------------------------------
// Stored value and preferences

/** The stored consent (localStorage by default, or the `cc_cookie` cookie). */
export interface CookieValue {
    /** Accepted categories. */
    categories: string[];
    /** Config revision the consent was given for (default: 0). */
    revision: number;
    /** Custom data written with setCookieData(). */
    data: any;
    /** Random UUID v4 identifying this consent. */
    consentId: string;
    /** When consent was first given (ISO 8601). */
    consentTimestamp: string;
    /** When consent was last changed (ISO 8601). */
    lastConsentTimestamp: string;
    /** Language the visitor saw when choosing. */
    languageCode: string;
    /** Accepted services, by category. */
    services: { [categoryName: string]: string[] };
    /** When the consent expires (milliseconds since the epoch). */
    expirationTime: number;
}

/** The visitor's current choice, split into accepted and rejected. */
export interface UserPreferences {
    /** How the visitor chose. */
    acceptType: AcceptType;
    /** Names of the accepted categories. */
    acceptedCategories: string[];
    /** Names of the rejected categories. */
    rejectedCategories: string[];
    /** Accepted services, by category. */
    acceptedServices: { [categoryName: string]: string[] };
    /** Rejected services, by category. */
    rejectedServices: { [categoryName: string]: string[] };
}

/** consentry: one entry of the consent history kept on this device. */
export interface ConsentRecord {
    /** When this choice was made (ISO 8601). */
    time: string;
    /** Categories accepted by this choice. */
    categories: string[];
    /** Services accepted by this choice, by category. */
    services: { [categoryName: string]: string[] };
    /** Config revision in force. */
    revision: number;
    /** Language the visitor saw. */
    language: string;
    /** What the choice did: the first one, one that accepted something new, or only withdrawals. */
    action: 'given' | 'changed' | 'withdrawn';
    /** Global Privacy Control was on when the choice was made. */
    gpc: boolean;
}

// ---------------------------------------------------------------------------------------------
// Config

/** Where and how consent is stored. */
export interface CookieOptions {
    /** Name of the cookie / localStorage key (default: 'cc_cookie'). */
    name?: string;
    /** Cookie domain (default: the current host). */
    domain?: string;
    /** Cookie path (default: '/'). */
    path?: string;
    /** Cookie SameSite attribute (default: 'Lax'). */
    sameSite?: 'Lax' | 'Strict' | 'None';
    /** Set the Secure attribute on the cookie (default: true). */
    secure?: boolean;
    /** Days before consent expires, or a function of how the visitor chose (default: 182). */
    expiresAfterDays?: number | ((acceptType: AcceptType) => number);
    /** Store consent in localStorage instead of a cookie (default in consentry: true; v3: false). */
    useLocalStorage?: boolean;
}

/** Look of the consent modal. */
export interface ConsentModalGuiOptions {
    /** Layout (default: 'box'). */
    layout?: ConsentModalLayout;
    /** Position (default: 'bottom right' for box, 'bottom center' for cloud and bar). */
    position?: ConsentModalPosition;
    /** Swap the order of the buttons (default: false). */
    flipButtons?: boolean;
    /** Give accept and reject the same visual weight (default: true). */
    equalWeightButtons?: boolean;
}

/** Look of the preferences modal. */
export interface PreferencesModalGuiOptions {
    /** Layout (default: 'box'). */
    layout?: PreferencesModalLayout;
    /** Side of the page, for bar layouts (default: 'right'). */
    position?: PreferencesModalPosition;
    /** Swap the order of the buttons (default: false). */
    flipButtons?: boolean;
    /** Give accept and reject the same visual weight (default: true). */
    equalWeightButtons?: boolean;
}

/** Layout options of both modals. */
export interface GuiOptions {
    /** Consent modal (the banner). */
    consentModal?: ConsentModalGuiOptions;
    /** Preferences modal. */
    preferencesModal?: PreferencesModalGuiOptions;
}

/** Texts of the consent modal. */
export interface ConsentModalOptions {
    /** Accessible name of the dialog (useful without a title). */
    label?: string;
    /** Heading. */
    title?: string;
    /** Body text (HTML allowed, sanitized). */
    description?: string;
    /** "Accept all" button. */
    acceptAllBtn?: string;
    /** "Reject all" / necessary-only button. */
    acceptNecessaryBtn?: string;
    /** Button that opens the preferences modal. */
    showPreferencesBtn?: string;
    /** Label of the close (×) button; set it to show that button (box layouts). */
    closeIconLabel?: string;
    /** Text shown instead of the description's `{{revisionMessage}}` when the revision changed. */
    revisionMessage?: string;
    /** Footer, e.g. links to the privacy policy (HTML allowed, sanitized). */
    footer?: string;
    /** consentry: note shown when the browser sends Global Privacy Control (`gpc`). */
    gpcNotice?: string;
}

/** A table, usually listing a category's cookies. */
export interface CookieTable {
    /** Table caption. */
    caption?: string;
    /** Column keys mapped to header texts. */
    headers: { [columnKey: string]: string };
    /** Rows: column keys mapped to cell texts. */
    body?: { [columnKey: string]: string }[];
}

/** A block of the preferences modal, optionally bound to a category toggle. */
export interface Section {
    /** Heading. */
    title?: string;
    /** Body text (HTML allowed, sanitized). */
    description?: string;
    /** Category this section toggles. */
    linkedCategory?: string;
    /** Table shown in the section. */
    cookieTable?: CookieTable;
}

/** Texts of the preferences modal. */
export interface PreferencesModalOptions {
    /** Heading. */
    title?: string;
    /** "Accept all" button. */
    acceptAllBtn?: string;
    /** "Reject all" / necessary-only button. */
    acceptNecessaryBtn?: string;
    /** "Save preferences" button. */
    savePreferencesBtn?: string;
    /** Accessible label of the close button. */
    closeIconLabel?: string;
    /** Text after the number of services in a category. */
    serviceCounterLabel?: string;
    /** Sections, in order. */
    sections?: Section[];
    /** consentry: the built-in first section's heading and text (when `sections` is not given). */
    introTitle?: string;
    introDescription?: string;
    /** consentry: the built-in last section's heading and text (when `sections` is not given). */
    moreTitle?: string;
    moreDescription?: string;
    /** consentry: note shown when the browser sends Global Privacy Control (`gpc`). */
    gpcNotice?: string;
}

/** consentry: texts of a held iframe's placeholder (README "Embeds and contextual consent"). */
export interface EmbedPlaceholderOptions {
    /** The notice; `{service}` is the service's label. */
    text?: string;
    /** The button that loads just this content. */
    loadBtn?: string;
    /** The link to the preferences. */
    preferencesBtn?: string;
}

/** consentry: texts of the inline preference center (`mountPreferences`). */
export interface PreferenceCenterOptions {
    historyTitle?: string;
    historyEmpty?: string;
    historyAll?: string;
    historyNecessary?: string;
    historyCustom?: string;
    receiptBtn?: string;
    /** The link to where the site keeps the records (`consentLog.recordsUrl`). */
    recordsLink?: string;
}

/** All texts for one language; what is left out falls back to consentry's built-in text. */
export interface Translation {
    /** Consent modal texts. */
    consentModal?: ConsentModalOptions;
    /** Preferences modal texts. */
    preferencesModal?: PreferencesModalOptions;
    /** consentry: texts of held iframes' placeholders. */
    embedPlaceholder?: EmbedPlaceholderOptions;
    /** consentry: texts of the inline preference center. */
    preferenceCenter?: PreferenceCenterOptions;
    /** consentry: a category's title and description in the built-in sections, by category name. */
    categories?: { [categoryName: string]: { title?: string; description?: string } };
}

/** A translation given inline, as a URL of a JSON file, or by a (possibly async) function. */
export type TranslationSource = Translation | string | (() => Translation | Promise<Translation>);

/** Language choice and translations. */
export interface LanguageOptions {
    /** Language used when detection finds no match, e.g. 'en' (default: 'en'). */
    default?: string;
    /** Languages written right to left. */
    rtl?: string | string[];
    /** Pick the language from `<html lang>` ('document') or the browser ('browser') (default: off). */
    autoDetect?: 'document' | 'browser';
    /** Translations by language code (default: consentry's built-in texts). */
    translations?: { [languageCode: string]: TranslationSource };
}

/** consentry: Google Consent Mode v2 options. */
export interface GoogleConsentModeOptions {
    /** Category (or categories) granting each consent type; unlisted types keep the default mapping. */
    mapping?: Partial<Record<ConsentType, string | string[]>>;
    /** Milliseconds tags wait for an update after the defaults (0 to 60000). */
    waitForUpdate?: number;
    /** Regions (ISO 3166-2) the defaults apply to (default: everywhere). */
    regions?: string | string[];
    /** Pass ad click info through URLs when ad_storage is denied (default: false). */
    urlPassthrough?: boolean;
    /** Redact ad click data when ad_storage is denied (default: false). */
    adsDataRedaction?: boolean;
}

/** consentry: Microsoft UET consent mode options. */
export interface MicrosoftConsentModeOptions {
    /** Categories granting UET's `ad_storage` (default: the advertising category — the first of
     * 'marketing', 'advertisement', 'advertising', 'ads' configured). */
    categories?: string | string[];
}

/** consentry: what every consent pushes to `window.dataLayer` (README "Tag managers"). */
export interface ConsentryDataLayerEvent {
    event: 'consentry_update';
    consentry: {
        /** `''` in opt-out mode before the visitor chose. */
        acceptType: AcceptType | '';
        /** Every configured category: accepted or not. */
        categories: { [categoryName: string]: boolean };
        /** Every configured service, by category: accepted or not. */
        services: { [categoryName: string]: { [serviceName: string]: boolean } };
    };
}

/** consentry: Global Privacy Control options. */
export interface GpcOptions {
    /** Categories rejected up front when the browser sends GPC (default: ['marketing']). */
    categories?: string | string[];
}

/** consentry: where consent changes are reported. */
export interface ConsentLogOptions {
    /** URL receiving each consent record (sent with navigator.sendBeacon: JSON, as `text/plain;charset=UTF-8`). */
    endpoint: string;
    /**
     * Where the site keeps the records (an http(s) URL or a path); `{consentId}` becomes the
     * visitor's consent id. The inline preference center links to it.
     */
    recordsUrl?: string;
}

/** Argument of onFirstConsent and onConsent (and detail of their events). */
export interface ConsentParam {
    /** The stored consent. */
    cookie: CookieValue;
}

/** Argument of onChange (and detail of `cc:onChange`). */
export interface ChangeParam {
    /** The stored consent, after the change. */
    cookie: CookieValue;
    /** Categories whose state changed. */
    changedCategories: string[];
    /** Services whose state changed, by category. */
    changedServices: { [categoryName: string]: string[] };
}

/** Argument of onModalShow and onModalHide (and detail of their events). */
export interface ModalParam {
    /** Which modal. */
    modalName: ModalName;
}

/** Argument of onModalReady (and detail of `cc:onModalReady`). */
export interface ModalReadyParam {
    /** Which modal. */
    modalName: ModalName;
    /** The modal's element, just added to the page. */
    modal: HTMLElement;
}

/** The config given to run(). */
export interface CookieConsentConfig {
    /** Element (or CSS selector) the modals are added to (default: document.body). */
    root?: string | Element | null;
    /** 'opt-in': nothing runs before consent; 'opt-out': enabled categories run at once (default: 'opt-in'). */
    mode?: 'opt-in' | 'opt-out';
    /** Show the consent modal by itself when there is no valid consent (default: true). */
    autoShow?: boolean;
    /** Bump it to ask everyone again (default: 0). */
    revision?: number;
    /** Hold `<script type="text/plain" data-category>` tags until consent (default: true). */
    manageScriptTags?: boolean;
    /** Erase a category's declared cookies when it is rejected (default: true). */
    autoClearCookies?: boolean;
    /** Block the page behind an overlay until the visitor chooses (default: false). */
    disablePageInteraction?: boolean;
    /** Do nothing for bots and crawlers (default: true). */
    hideFromBots?: boolean;
    /** Build the modals' HTML only when first needed (default: true). */
    lazyHtmlGeneration?: boolean;
    /** Layout options of the modals. */
    guiOptions?: GuiOptions;
    /** Storage of the consent. */
    cookie?: CookieOptions;
    /** Called once, on the visitor's first choice. */
    onFirstConsent?: (param: ConsentParam) => void;
    /** Called on the first choice and on every page load with valid consent. */
    onConsent?: (param: ConsentParam) => void;
    /** Called when the accepted categories or services change. */
    onChange?: (param: ChangeParam) => void;
    /** Called when a modal becomes visible. */
    onModalShow?: (param: ModalParam) => void;
    /** Called when a modal is hidden. */
    onModalHide?: (param: ModalParam) => void;
    /** Called when a modal's element has been added to the page. */
    onModalReady?: (param: ModalReadyParam) => void;
    /** Consent categories by name (required, as in v3's types). */
    categories: { [categoryName: string]: Category };
    /** Languages and texts (default: `{ default: 'en' }`, consentry's built-in texts). */
    language?: LanguageOptions;
    /** consentry: Google Consent Mode v2 (true: default mapping; default: off). */
    googleConsentMode?: boolean | GoogleConsentModeOptions;
    /** consentry: Microsoft UET consent mode, `uetq` `consent` `default`/`update` (true: default category; default: off). */
    microsoftConsentMode?: boolean | MicrosoftConsentModeOptions;
    /** consentry: honour Global Privacy Control (true: reject 'marketing'; default: off). */
    gpc?: boolean | GpcOptions;
    /** consentry: log third-party resources that no service's `urls` claims (default: false). */
    debug?: boolean;
    /** consentry: send each consent change to an endpoint (default: off). */
    consentLog?: ConsentLogOptions;
}

// ---------------------------------------------------------------------------------------------
// API

/** Validate the config, then show the banner or apply the stored consent; rejects on bad config. */
export declare function run(config: CookieConsentConfig): Promise<void>;

/** Show the consent modal; `createModal` builds it first if needed. */
export declare function show(createModal?: boolean): void;

/** Hide the consent modal. */
export declare function hide(): void;

/** Show the preferences modal. */
export declare function showPreferences(): void;

/** Hide the preferences modal. */
export declare function hidePreferences(): void;

/**
 * Accept categories and reject the rest: 'all', a name, a list ([] = necessary only), or
 * nothing for the modal's current toggles; `excludedCategories` are rejected regardless.
 */
export declare function acceptCategory(categories?: string | string[], excludedCategories?: string[]): void;

/**
 * Accept these services of a category ('all', a name, a list; [] rejects them all); the other
 * categories as their toggles are now. `false` (nothing changes) when `services` is empty or
 * the category is not a configured one with services.
 */
export declare function acceptService(services: string | string[], category: string): false | void;

/** Whether a category is accepted (false before the visitor has chosen). */
export declare function acceptedCategory(categoryName: string): boolean;

/** Whether a service of a category is accepted. */
export declare function acceptedService(serviceName: string, categoryName: string): boolean;

/** Whether valid consent exists (given, not expired, current revision). */
export declare function validConsent(): boolean;

/** Whether a cookie exists with a non-empty value. */
export declare function validCookie(cookieName: string): boolean;

/** Erase cookies by name or RegExp at this path (default `cookie.path`) and domain (default: host-only and `cookie.domain`). */
export declare function eraseCookies(cookies: string | RegExp | (string | RegExp)[], path?: string, domain?: string): void;

/** Add a script to the page; resolves to whether it loaded. */
export declare function loadScript(src: string, attributes?: { [attributeName: string]: string }): Promise<boolean>;

/** Write custom data into the stored value, also before consent ('overwrite' replaces it, 'update' merges); true when written. */
export declare function setCookieData(data: { value: any; mode?: 'overwrite' | 'update' }): boolean;

/** The stored value (also one that is no valid consent; `{}` when nothing is stored). */
export declare function getCookie(): CookieValue;
/** One field of the stored value. */
export declare function getCookie<Field extends keyof CookieValue>(field: Field): CookieValue[Field];
/** Another stored JSON value (a cookie, or a localStorage key with `useLocalStorage`), or one of its fields. */
export declare function getCookie(field: string | undefined, cookieName: string): any;

/** The config given to run(). */
export declare function getConfig(): CookieConsentConfig;
/** One key of the config given to run(). */
export declare function getConfig<Field extends keyof CookieConsentConfig>(field: Field): CookieConsentConfig[Field];

/** The visitor's current choice. */
export declare function getUserPreferences(): UserPreferences;

/** Switch to a configured language (`force` rebuilds the modals anyway); resolves to whether it changed. */
export declare function setLanguage(languageCode: string, force?: boolean): Promise<boolean>;

/** Stop and forget the config and state; `eraseCookie` also removes the stored consent. */
export declare function reset(eraseCookie?: boolean): void;

/**
 * consentry: decide the held markup in the page again (`type="text/plain" data-category`
 * scripts, `data-src` embeds) — what a single-page app rendered after `run()`. Found
 * automatically in the document; a node inside a shadow root makes that root listed and
 * watched from then on. Does nothing before `run()` has started the engine.
 */
export declare function scan(root?: Node): void;

/** consentry: render the preference center inside this element instead of as a modal. */
export declare function mountPreferences(element: HTMLElement): void;

/** consentry: the consent records kept on this device, oldest first. */
export declare function getConsentHistory(): ConsentRecord[];

/** consentry: let the visitor save a JSON receipt of their consent (false before any consent). */
export declare function downloadReceipt(): boolean;

/** What wasm-bindgen's init takes to find the engine: a URL, a response, bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Load the engine (consentry_bg.wasm) from where you say; optional, since the API loads it
 * from next to the module on first use.
 */
declare function init(
    input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
export default init;

/** The API object of the script-tag build (`window.CookieConsent`). */
export interface CookieConsentApi {
    run: typeof run;
    show: typeof show;
    hide: typeof hide;
    showPreferences: typeof showPreferences;
    hidePreferences: typeof hidePreferences;
    acceptCategory: typeof acceptCategory;
    acceptService: typeof acceptService;
    acceptedCategory: typeof acceptedCategory;
    acceptedService: typeof acceptedService;
    validConsent: typeof validConsent;
    validCookie: typeof validCookie;
    eraseCookies: typeof eraseCookies;
    loadScript: typeof loadScript;
    setCookieData: typeof setCookieData;
    getCookie: typeof getCookie;
    getConfig: typeof getConfig;
    getUserPreferences: typeof getUserPreferences;
    setLanguage: typeof setLanguage;
    reset: typeof reset;
    mountPreferences: typeof mountPreferences;
    getConsentHistory: typeof getConsentHistory;
    downloadReceipt: typeof downloadReceipt;
    scan: typeof scan;
    /** Load the engine from where you say (see the ES module's default export). */
    init: typeof init;
}

/** The `cc:` events on window; each `detail` is what the matching callback receives. */
export interface CookieConsentEventMap {
    'cc:onFirstConsent': CustomEvent<ConsentParam>;
    'cc:onConsent': CustomEvent<ConsentParam>;
    'cc:onChange': CustomEvent<ChangeParam>;
    'cc:onModalShow': CustomEvent<ModalParam>;
    'cc:onModalHide': CustomEvent<ModalParam>;
    'cc:onModalReady': CustomEvent<ModalReadyParam>;
}

declare global {
    interface Window {
        /** consentry's API, defined by the script-tag build (dist/consentry.js). */
        CookieConsent: CookieConsentApi;
    }
    interface WindowEventMap extends CookieConsentEventMap {}
}

export {};
