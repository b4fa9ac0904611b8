import { describe, expect, it } from '@jest/globals';
import { translator } from '../i18n/messages.js';
import { renderDocument } from '../render.js';
import { Layout, type Chrome } from './layout.js';

const chrome = (over: Partial<Chrome> = {}): Chrome => ({
  lang: 'it',
  t: translator('it'),
  bodyName: 'Regione Lombardia',
  path: '/misure/x',
  signedIn: false,
  csrfToken: null,
  idleSeconds: null,
  ...over,
});

describe('Layout', () => {
  it('a whole document: language, title with service and body, skip link, landmarks', () => {
    const html = renderDocument(
      <Layout chrome={chrome()} title="Pagina" crumbs={[{ label: 'Pagina' }]}>
        <h1>Ciao</h1>
      </Layout>,
    );
    expect(html.startsWith('<!DOCTYPE html><html lang="it">')).toBe(true);
    expect(html).toContain('<title>Pagina – Sportello – Regione Lombardia</title>');
    expect(html).toContain('<a class="visually-hidden-focusable" href="#main">Vai al contenuto principale</a>');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<li class="breadcrumb-item active" aria-current="page">Pagina</li>');
    expect(html).toContain('href="/accessibilita"');
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/accedi"');
  });

  it('no inline script or style: only files of this origin', () => {
    const html = renderDocument(
      <Layout chrome={chrome({ signedIn: true, csrfToken: 'tok', idleSeconds: 1800 })} title="x">
        {null}
      </Layout>,
    );
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|<style|style=/);
    expect([...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]).every((u) => u.startsWith('/'))).toBe(true);
  });

  it('the language switch keeps the page and marks the current language', () => {
    const html = renderDocument(
      <Layout chrome={chrome({ lang: 'en', t: translator('en') })} title="x">
        {null}
      </Layout>,
    );
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('href="/misure/x?lang=it" lang="it" hreflang="it"');
    expect(html).toMatch(/href="\/misure\/x\?lang=en" lang="en" hreflang="en" aria-current="true"/);
  });

  it('signed in: logout is a POST carrying the CSRF token; the idle warning is ready', () => {
    const html = renderDocument(
      <Layout chrome={chrome({ signedIn: true, csrfToken: 'tok', idleSeconds: 1800 })} title="x">
        {null}
      </Layout>,
    );
    expect(html).toContain(
      '<form method="post" action="/esci" class="d-inline"><input type="hidden" name="_csrf" value="tok"/>',
    );
    expect(html).toContain('data-idle-seconds="1800"');
    expect(html).toContain('<div id="idle-warning" class="alert alert-warning" role="alert" hidden>');
  });
});
