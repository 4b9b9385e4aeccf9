import type { Lang } from './translate';

export { type Key, type Lang, type Translate, translator } from './translate';

const STORAGE_KEY = 'hotline.lang';

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
