// A module that imports only types, v3 style; `CookieConsent.*` type names still resolve
// (through the UMD namespace) without a namespace import.
import type { CookieConsentConfig, Translation } from 'consentry';

export const en: Translation = { consentModal: { title: 'Cookies' } };
export const typeOnlyConfig: CookieConsentConfig = {
    categories: { necessary: { readOnly: true } },
    language: { default: 'en', translations: { en } },
};
export const asNamespace: CookieConsent.CookieConsentConfig = typeOnlyConfig;
export function onChange(detail: CookieConsent.ChangeParam): string[] {
    return detail.changedCategories;
}
