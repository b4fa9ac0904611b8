import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/messages.js';
import type { Landing } from '../landing.js';
import { BI_PREFIX, PRELOADED_FONTS } from './assets.js';

export interface Crumb {
  label: string;
  href?: string;
}

/** What every page shows around its content: who runs it, the language, the session. */
export interface Chrome {
  lang: Lang;
  t: Translate;
  bodyName: string;
  /** The current path, without query (the language links keep the visitor on the page). */
  path: string;
  /** Signed in: the header offers logout (a POST with the session's CSRF token). */
  signedIn: boolean;
  /** The signed-in person's own area (personal area or workbench), linked from the header. */
  landing?: Landing | null;
  /** Signed in with an address not confirmed yet: a banner says why writes are refused. */
  emailUnverified?: boolean;
  csrfToken: string | null;
  /** Seconds before an idle session ends: shown as a notice, and portal.js warns ahead. */
  idleSeconds: number | null;
}

export interface LayoutProps {
  chrome: Chrome;
  /** The page's own title; the layout adds the service and the body. */
  title: string;
  crumbs?: readonly Crumb[];
  /** A page's own served script (progressive enhancement; the page works without it). */
  script?: string;
  children: ComponentChildren;
}

function LanguageSwitch({ chrome }: { chrome: Chrome }) {
  const langs = [
    { lang: 'it', label: 'Italiano', short: 'ITA' },
    { lang: 'en', label: 'English', short: 'ENG' },
  ] as const;
  return (
    <nav class="portal-lang" aria-label={chrome.t('languageNav')}>
      <ul class="list-inline mb-0">
        {langs.map((l) => (
          <li class="list-inline-item" key={l.lang}>
            <a
              class="text-white"
              href={`${chrome.path}?lang=${l.lang}`}
              lang={l.lang}
              hreflang={l.lang}
              aria-current={chrome.lang === l.lang ? 'true' : undefined}
            >
              <abbr title={l.label}>{l.short}</abbr>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Header({ chrome }: { chrome: Chrome }) {
  const { t } = chrome;
  return (
    <header class="it-header-wrapper">
      <div class="it-header-slim-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-slim-wrapper-content">
                <span class="navbar-brand text-white">{chrome.bodyName}</span>
                <div class="it-header-slim-right-zone gap-3">
                  <LanguageSwitch chrome={chrome} />
                  {chrome.signedIn && chrome.csrfToken ? (
                    <form method="post" action="/esci" class="d-inline">
                      <input type="hidden" name="_csrf" value={chrome.csrfToken} />
                      <button type="submit" class="btn btn-primary btn-sm btn-full">
                        {t('logout')}
                      </button>
                    </form>
                  ) : (
                    <a class="btn btn-primary btn-sm btn-full" href="/accedi">
                      {t('login')}
                    </a>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="it-nav-wrapper">
        <div class="it-header-center-wrapper">
          <div class="container">
            <div class="row">
              <div class="col-12">
                <div class="it-header-center-content-wrapper">
                  <div class="it-brand-wrapper">
                    <a href="/">
                      <div class="it-brand-text">
                        <div class="it-brand-title">{t('siteName')}</div>
                        <div class="it-brand-tagline d-none d-md-block">{t('siteTagline')}</div>
                      </div>
                    </a>
                  </div>
                  {chrome.landing ? (
                    <div class="it-right-zone">
                      <a class="text-white" href={chrome.landing.href}>
                        {t(chrome.landing.label)}
                      </a>
                    </div>
                  ) : null}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

function Breadcrumbs({ crumbs, t }: { crumbs: readonly Crumb[]; t: Translate }) {
  return (
    <nav class="breadcrumb-container" aria-label={t('breadcrumb')}>
      <ol class="breadcrumb">
        <li class="breadcrumb-item">
          <a href="/">{t('home')}</a>
          <span class="separator">/</span>
        </li>
        {crumbs.map((c, i) =>
          c.href && i < crumbs.length - 1 ? (
            <li class="breadcrumb-item" key={c.label}>
              <a href={c.href}>{c.label}</a>
              <span class="separator">/</span>
            </li>
          ) : (
            <li class="breadcrumb-item active" aria-current="page" key={c.label}>
              {c.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function Footer({ chrome }: { chrome: Chrome }) {
  const { t } = chrome;
  return (
    <footer class="it-footer">
      <div class="it-footer-main">
        <div class="container">
          <div class="row">
            <div class="col-12 py-4">
              <p class="h4 text-white mb-1">{chrome.bodyName}</p>
              <p class="text-white mb-3">{t('siteName')}</p>
              <nav aria-label={t('footerLegal')}>
                <ul class="list-inline mb-0">
                  <li class="list-inline-item">
                    <a class="text-white" href="/accessibilita">
                      {t('accessibility')}
                    </a>
                  </li>
                  <li class="list-inline-item">
                    <a class="text-white" href="/privacy">
                      {t('privacy')}
                    </a>
                  </li>
                </ul>
              </nav>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

/**
 * The page: Bootstrap Italia's stylesheet, sprite and fonts served by the app itself, no inline
 * script or style (the Content-Security-Policy allows only 'self'). Bootstrap Italia's script
 * bundle is served but not loaded: at start-up it injects <style> elements, which that policy
 * refuses, and no page needs its widgets (each component will load the plugin it needs).
 */
export function Layout({ chrome, title, crumbs, script, children }: LayoutProps) {
  const { t } = chrome;
  return (
    <html lang={chrome.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('siteName')} – ${chrome.bodyName}`}</title>
        <link rel="stylesheet" href={`${BI_PREFIX}/css/bootstrap-italia.min.css`} />
        {PRELOADED_FONTS.map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossorigin="anonymous" />
        ))}
        <link rel="stylesheet" href="/assets/portal/fonts.css" />
        <link rel="stylesheet" href="/assets/portal/theme.css" />
        <script src="/assets/portal/portal.js" defer />
        {script ? <script src={script} defer /> : null}
      </head>
      <body data-idle-seconds={chrome.idleSeconds ?? undefined}>
        <div class="skiplinks">
          <a class="visually-hidden-focusable" href="#main">
            {t('skipToContent')}
          </a>
        </div>
        <Header chrome={chrome} />
        <main id="main" class="container my-4 portal-main" tabindex={-1}>
          {chrome.idleSeconds ? (
            <div id="idle-warning" class="alert alert-warning" role="alert" hidden>
              {t('idleWarning')}
            </div>
          ) : null}
          {chrome.emailUnverified ? (
            <div class="alert alert-warning" role="status">
              {t('unverifiedBanner')}
            </div>
          ) : null}
          {crumbs && crumbs.length ? <Breadcrumbs crumbs={crumbs} t={t} /> : null}
          {children}
        </main>
        <Footer chrome={chrome} />
      </body>
    </html>
  );
}
