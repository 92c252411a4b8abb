// Generated from src/protocol.rs by `cargo run --example protocol` (scripts/build.mjs runs it).
// Do not edit: change src/protocol.rs and rebuild. docs/protocol.md describes the protocol.

// Operations: call(op, a, b)
export const OP_CONFIGURE = 0;
export const OP_NEXT_LOAD = 1;
export const OP_PROVIDE = 2;
export const OP_START = 3;
export const OP_ACT = 4;
export const OP_CLICK = 5;
export const OP_SHOW = 6;
export const OP_ACCEPT_CATEGORY = 7;
export const OP_ACCEPT_SERVICE = 8;
export const OP_ACCEPTED_CATEGORY = 9;
export const OP_ACCEPTED_SERVICE = 10;
export const OP_VALID_CONSENT = 11;
export const OP_VALID_COOKIE = 12;
export const OP_ERASE_COOKIES = 13;
export const OP_SET_COOKIE_DATA = 14;
export const OP_GET_COOKIE = 15;
export const OP_GET_CONFIG = 16;
export const OP_GET_USER_PREFERENCES = 17;
export const OP_CLASSIFY = 18;
export const OP_SYNC = 19;
export const OP_RESET = 20;
export const OP_SHOWN = 21;
export const OP_LANGUAGE = 22;
export const OP_APPLY_LANGUAGE = 23;
export const OP_MOUNT_PREFERENCES = 24;
export const OP_HISTORY = 25;
export const OP_RECEIPT = 26;
export const OP_SCAN = 27;

// Reply status (the reply's first character)
export const ST_OK = 0;
export const ST_ERROR = 1;
export const ST_NOT_IN_BUILD = 2;
export const ST_BAD_REQUEST = 3;

// Actions
export const ACT_ACCEPT_ALL = 0;
export const ACT_ACCEPT_NECESSARY = 1;
export const ACT_ACCEPT_CUSTOM = 2;
export const ACT_SHOW_CONSENT = 3;
export const ACT_SHOW_PREFERENCES = 4;
export const ACT_HIDE_PREFERENCES = 5;
export const ACT_HIDE_CONSENT = 6;

// Where a data-role was clicked
export const SCOPE_PLACEHOLDER = 0;
export const SCOPE_CENTER = 1;
export const SCOPE_BANNER = 2;
export const SCOPE_PREFERENCES = 3;

// Modals
export const MODAL_CONSENT = 0;
export const MODAL_PREFERENCES = 1;

// Auto-blocking verdicts
export const V_PASS = 0;
export const V_HOLD = 1;
export const V_REPORT = 2;

// What a language needs loaded
export const LOAD_URL = 0;
export const LOAD_CALL = 1;
export const LOAD_BUILTIN = 2;

// Effect kinds
export const FX_EMIT = 0;
export const FX_RELEASE = 1;
export const FX_BLOCK = 2;
export const FX_PLACEHOLDER = 3;
export const FX_RECHECK = 4;
export const FX_BROADCAST = 5;
export const FX_GTAG = 6;
export const FX_LOG = 7;
export const FX_CALL = 8;
export const FX_RELOAD = 9;
export const FX_THEN = 10;
export const FX_DOWNLOAD = 11;
export const FX_PUSH = 12;

// Held element kinds
export const HELD_SCRIPT = 0;
export const HELD_FRAME = 1;
export const HELD_MEDIA = 2;
export const HELD_LIVE = 3;

// Positions in messages
export const HELD_CATEGORY = 0;
export const HELD_SERVICE = 1;
export const HELD_KIND = 2;
export const ENV_DOCUMENT_LANGUAGE = 0;
export const ENV_BROWSER_LANGUAGE = 1;
export const ENV_USER_AGENT = 2;
export const ENV_WEBDRIVER = 3;
export const ENV_HOSTNAME = 4;
export const ENV_GPC = 5;
export const ENV_HTTPS = 6;
export const ENV_ORIGIN = 7;
export const ENV_PATH = 8;

// data-cc values → actions (no prototype: only these names are keys)
export const DATA_CC = { __proto__: null, 'accept-all': 0, 'accept-necessary': 1, 'accept-custom': 2, 'show-consentModal': 3, 'show-preferencesModal': 4 };
// data-role values → roles
export const ROLES = { __proto__: null, all: 0, necessary: 1, show: 2, save: 3, close: 4, load: 5, receipt: 6 };
// The selector of each scope, by code
export const SCOPES = ['.cc-ph', '.cc-pc', '#cc-main .cm-wrapper', '#cc-main .pm-wrapper'];
// host.js's functions, by HostOp code
export const HOST_OPS = ['now', 'env', 'warn', 'localGet', 'localSet', 'localRemove', 'storageKeys', 'storageRemove', 'cookies', 'setCookie', 'render', 'show', 'toggles', 'setToggles', 'removeUi', 'held', 'regexTest', 'callNumber', 'renderCenter', 'centerToggles', 'setRoot'];
// Google Consent Mode v2 consent types
export const GCM_TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];
