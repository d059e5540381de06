// Pure message lookup and locale-aware formatting, shared by the UI and its tests.
import { en, type MessageKey } from './en';
import { ja } from './ja';

export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Parses a stored locale preference; anything unknown falls back to English. */
export function parseLocale(value: string | null | undefined): Locale {
  return value === 'ja' || value === 'en' ? value : 'en';
}

/** Bytes as a short, localised size (e.g. "5.7 KB"). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** An RFC 3339 timestamp as local date and time in the user's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** A SHA-256 shortened for tables: first and last eight hex digits. */
export function shortHash(sha256: string): string {
  return sha256.length > 20 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}
