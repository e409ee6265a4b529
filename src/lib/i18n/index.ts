import { sv } from './sv';
import { en } from './en';

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
export const DEFAULT_LOCALE: Locale = 'sv';
export type MessageKey = keyof typeof sv;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { sv, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** Renders a message; {name} placeholders are replaced, numbers formatted for the locale. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogs[locale][key] ?? catalogs.sv[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export function createTranslate(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat('sv-SE'),
  en: new Intl.NumberFormat('en-GB')
};

export function formatNumber(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' })
};

/** Timestamps are shown in Europe/Stockholm whatever the server's zone. */
export function formatDateTime(locale: Locale, value: Date | string): string {
  return dateTimeFormats[locale].format(typeof value === 'string' ? new Date(value) : value);
}

/** Picks the locale from an explicit choice (cookie) or the browser's Accept-Language; Swedish by default. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    const preferred = acceptLanguage
      .split(',')
      .map((part) => part.trim().split(';')[0].toLowerCase().slice(0, 2));
    for (const lang of preferred) if (isLocale(lang)) return lang;
  }
  return DEFAULT_LOCALE;
}
