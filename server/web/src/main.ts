import { Api, ApiError } from './api';
import { type AppContext, parseRoute, type Route, type Screen } from './context';
import { h } from './dom';
import { type Lang, storedLang, storeLang, translator } from './i18n';
import { layout } from './layout';
import { auditScreen } from './screens/audit.screen';
import { callsScreen } from './screens/calls.screen';
import { categoriesScreen } from './screens/categories.screen';
import { dashboardScreen } from './screens/dashboard.screen';
import { liveScreen } from './screens/live.screen';
import { loginScreen } from './screens/login.screen';
import { open311Screen } from './screens/open311.screen';
import { passwordScreen } from './screens/password.screen';
import { procedureScreen, proceduresScreen } from './screens/procedures.screen';
import { ticketScreen } from './screens/ticket.screen';
import { unitScreen } from './screens/unit.screen';
import { unitsScreen } from './screens/units.screen';
import { userScreen } from './screens/user.screen';
import { usersScreen } from './screens/users.screen';
import type { Session } from './types';
import { errorBox, errorText } from './ui';

/** How long a confirmation stays on screen: long enough to read, short enough not to hide the page. */
const TOAST_MS = 4000;

const SCREENS: Record<string, Screen> = {
  dashboard: dashboardScreen,
  calls: callsScreen,
  live: liveScreen,
  tickets: ticketScreen,
  units: unitsScreen,
  users: usersScreen,
  audit: auditScreen,
  categories: categoriesScreen,
  open311: open311Screen,
  procedures: proceduresScreen,
  password: passwordScreen,
};

function pick(route: Route): Screen | undefined {
  const [first = 'calls', second] = route.path;
  if (first === 'units' && second) return unitScreen;
  if (first === 'users' && second) return userScreen;
  if (first === 'procedures' && second) return procedureScreen;
  return SCREENS[first];
}

/** The admin app: one page, screens chosen by the URL hash, data only through /api/v1. */
class App {
  private readonly api = new Api();
  private session: Session | null = null;
  private lang: Lang = storedLang();
  /** A brief visible confirmation ("Đã lưu."), also read out by screen readers (a polite live region). */
  private readonly live = h('div', { className: 'toast', role: 'status', 'aria-live': 'polite' });
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private renderCount = 0;
  /** Set by announce; the next render keeps the message instead of clearing it. */
  private hasFreshAnnouncement = false;

  constructor(private readonly root: HTMLElement) {
    this.api.onSignedOut = () => {
      this.session = null;
      void this.render();
    };
    document.body.append(this.live);
    window.addEventListener('hashchange', () => void this.render());
  }

  async start(): Promise<void> {
    storeLang(this.lang);
    this.session = await this.api.session();
    await this.render();
  }

  private context(session: Session): AppContext {
    return {
      api: this.api,
      session,
      lang: this.lang,
      t: translator(this.lang),
      navigate: (hash) => {
        if (location.hash === hash) void this.render();
        else location.hash = hash;
      },
      announce: (message) => {
        this.live.textContent = message;
        this.hasFreshAnnouncement = true;
        clearTimeout(this.toastTimer);
        this.toastTimer = setTimeout(() => {
          this.live.textContent = '';
        }, TOAST_MS);
      },
    };
  }

  private async render(): Promise<void> {
    const ticket = ++this.renderCount;
    // "Saved" is often announced right before the screen reloads or moves on; that render must not
    // wipe it, while any later one clears what belonged to the screen left behind.
    if (!this.hasFreshAnnouncement) this.live.textContent = '';
    this.hasFreshAnnouncement = false;
    const t = translator(this.lang);
    document.title = t('app.title');
    if (!this.session) {
      this.root.replaceChildren(
        loginScreen(this.api, t, this.toggleLang, (session) => {
          this.session = session;
          void this.render();
        }),
      );
      return;
    }
    const ctx = this.context(this.session);
    const route = parseRoute(location.hash);
    const screen = this.session.user.mustChangePassword ? passwordScreen : pick(route);
    const section = this.session.user.mustChangePassword ? 'password' : (route.path[0] ?? 'calls');
    let main: HTMLElement;
    try {
      main = screen ? await screen(ctx, route) : h('p', {}, t('app.notFound'));
    } catch (error) {
      main = errorBox(
        error instanceof ApiError && error.status === 404 ? t('app.notFound') : errorText(error, t),
      );
    }
    // A slower, older render must not overwrite the screen the user has since moved to.
    if (ticket !== this.renderCount) return;
    this.root.replaceChildren(
      layout(ctx, section, main, { toggleLang: this.toggleLang, logout: () => void this.logout() }),
    );
    const heading = main.querySelector('h1');
    if (heading) document.title = `${heading.textContent} · ${t('app.title')}`;
  }

  private readonly toggleLang = () => {
    this.lang = this.lang === 'vi' ? 'en' : 'vi';
    storeLang(this.lang);
    void this.render();
  };

  private async logout(): Promise<void> {
    await this.api.logout().catch(() => undefined);
    this.session = null;
    location.hash = '#/calls';
    await this.render();
  }
}

const root = document.getElementById('app');
if (root) {
  new App(root).start().catch((error: unknown) => {
    root.replaceChildren(errorBox(error instanceof Error ? error.message : String(error)));
  });
}
