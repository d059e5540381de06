import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { formatBytes, parseLocale, shortHash, translate } from './translate';
import { toAppError } from '../ipc/errors';

describe('message catalogue', () => {
  it('has a Japanese message for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(ja[key], key).toBeTruthy();
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'cases.files', { count: 1 })).toBe('Files: 1');
    expect(translate('ja', 'cases.files', { count: 3 })).toBe('ファイル 3 件');
    expect(translate('en', 'cases.files')).toBe('Files: {count}');
  });

  it('falls back to English for an unknown stored locale', () => {
    expect(parseLocale('ja')).toBe('ja');
    expect(parseLocale('fr')).toBe('en');
    expect(parseLocale(null)).toBe('en');
  });
});

describe('formatting', () => {
  it('formats sizes with units and localised digits', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(5803, 'en')).toBe('5.7 KB');
    expect(formatBytes(3 * 1024 ** 3, 'ja')).toBe('3.0 GB');
  });

  it('shortens a SHA-256 to its ends', () => {
    const sha = 'a7ecda18970e4546e0e3850648f55682c96f884a89f2c1e2ec153d76dc2d4bf3';
    expect(shortHash(sha)).toBe('a7ecda18…dc2d4bf3');
  });
});

describe('error shape', () => {
  it('keeps a back-end AppError and wraps anything else as internal', () => {
    expect(toAppError({ kind: 'conflict', message: 'duplicate' })).toEqual({ kind: 'conflict', message: 'duplicate', detail: undefined });
    expect(toAppError('boom')).toEqual({ kind: 'internal', message: 'boom' });
    expect(toAppError({ kind: 'weird', message: 'x' }).kind).toBe('internal');
  });
});
