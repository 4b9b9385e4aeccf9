import { en } from './i18n.en';
import { vi } from './i18n.vi';

export type Lang = 'vi' | 'en';
export type Key = keyof typeof vi;
export type Translate = (key: Key, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'hotline.lang';
const dictionaries: Record<Lang, Record<Key, string>> = { vi, en };

/** Vietnamese unless this browser chose English before. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = lang;
}

export function translator(lang: Lang): Translate {
  const dictionary = dictionaries[lang];
  return (key, params) => {
    const text = dictionary[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}
