import { en } from './i18n.en';
import { vi } from './i18n.vi';

/** The app's words in each language; free of the DOM, so node tests word what the page shows. */
export type Lang = 'vi' | 'en';
export type Key = keyof typeof vi;
export type Translate = (key: Key, params?: Record<string, string | number>) => string;

const dictionaries: Record<Lang, Record<Key, string>> = { vi, en };

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
