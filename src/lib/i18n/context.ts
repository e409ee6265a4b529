import { getContext, setContext } from 'svelte';
import { createTranslate, type Locale, type Translate } from './index';

const KEY = Symbol('i18n');

interface I18nContext {
  locale: () => Locale;
  t: Translate;
}

/** Set once in the root layout from the request's locale; never a module-level store (shared across requests). */
export function setI18n(getLocale: () => Locale): void {
  setContext<I18nContext>(KEY, {
    locale: getLocale,
    t: (key, params) => createTranslate(getLocale())(key, params)
  });
}

export function useI18n(): I18nContext {
  return getContext<I18nContext>(KEY);
}
