import type { Api } from './api';
import type { Lang, Translate } from './i18n';
import type { Session } from './types';

export interface Route {
  /** Hash path segments: `#/tickets/12` → ['tickets', '12']. */
  path: string[];
  query: URLSearchParams;
}

/** What every screen gets: the API, who is signed in, the language, and a way to move on. */
export interface AppContext {
  api: Api;
  session: Session;
  lang: Lang;
  t: Translate;
  navigate(hash: string): void;
  /** Shows a short message as a brief toast, also read out by screen readers (a live region). */
  announce(message: string): void;
}

export type Screen = (ctx: AppContext, route: Route) => Promise<HTMLElement>;

export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  return {
    path: pathPart.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(queryPart),
  };
}

export const canWrite = (session: Session) => session.user.role !== 'viewer';
export const isAdmin = (session: Session) => session.user.role === 'admin';
