// The current language, remembered across sessions, and the `t` function every view uses.
import type { MessageKey } from './en';
import { type Locale, parseLocale, translate } from './translate';

const STORAGE_KEY = 'kasane.locale';

function storedLocale(): Locale {
  try {
    return parseLocale(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return 'en';
  }
}

export const i18n = $state({ locale: storedLocale() });

/** Switches the language and remembers the choice. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}

/** The message for `key` in the current language. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(i18n.locale, key, params);
}
