import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { mountedPortalRoutes } from '../src/modules/web/mount-portal.js';
import { databaseFingerprint } from './support/routes.js';
import { createTestApp, login, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp(); // default WEB_SESSION_IDLE_MINUTES: 30
});
afterAll(() => ctx.close());

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) => {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return all.find((c) => c.startsWith(`${name}=`));
};
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** GET /accedi then POST the form, as a browser does; returns the signed-in cookie. */
async function webLogin(account: { email: string; password: string }) {
  const page = await ctx.http().get('/accedi').expect(200);
  const anon = cookieOf(page, 'sportello_session')!.split(';')[0];
  const res = await ctx
    .http()
    .post('/accedi')
    .set('cookie', anon)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password })
    .expect(303);
  const signed = cookieOf(res, 'sportello_session')!;
  return { anon, cookie: signed.split(';')[0], raw: signed, location: res.headers.location };
}

describe('portal pages and their policies', () => {
  it('every page declares a policy; only the personal area and the application need a role', () => {
    const routes = mountedPortalRoutes(ctx.app);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const r of routes) expect(['public', 'roles']).toContain(r.policy.kind);
    const restricted = routes.filter((r) => r.policy.kind === 'roles').map((r) => `${r.method} ${r.url}`);
    expect(restricted.sort()).toEqual([
      'GET /area-personale',
      'GET /domande/:id',
      'GET /domande/:id/chi',
      'GET /domande/:id/documenti',
      'GET /domande/:id/ricevuta',
      'GET /domande/:id/ricevuta.pdf',
      'GET /domande/:id/riepilogo',
      'GET /domande/:id/stato',
      'GET /lavoro/controlli',
      'GET /lavoro/operazioni',
      'GET /lavoro/operazioni/:id',
      'GET /lavoro/operazioni/:id/stato',
      'GET /lavoro/pratiche/:id/azioni/:action',
      'GET /misure/:slug/domanda',
      'POST /domande/:id',
      'POST /domande/:id/chi',
      'POST /domande/:id/documenti',
      'POST /domande/:id/integrazione',
      'POST /domande/:id/invia',
      'POST /domande/:id/osservazioni',
      'POST /domande/:id/ritiro',
      'POST /domande/:id/valutazione',
      'POST /lavoro/controlli',
      'POST /lavoro/operazioni',
      'POST /lavoro/pratiche/:id/azioni/:action',
      'POST /misure/:slug/domanda',
    ]);
    // Only the documents page reads a file.
    expect(routes.filter((r) => r.multipart).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /domande/:id/documenti',
    ]);
    for (const r of routes.filter((x) => x.policy.kind === 'roles')) {
      // The workbench (/lavoro) is for staff; every other page with a role is the applicant's.
      if (r.url.startsWith('/lavoro')) expect(r.policy).not.toEqual({ kind: 'roles', roles: [Role.APPLICANT] });
      else expect(r.policy).toEqual({ kind: 'roles', roles: [Role.APPLICANT] });
    }
  });

  it('serves pages with a strict CSP and no-store, and the personal area only after login', async () => {
    const res = await ctx.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toMatch(/<script>|<style|style="/);
    await ctx.http().get('/area-personale').expect(303).expect('location', '/accedi');
  });

  it('serves Bootstrap Italia from the app and nothing outside its dist folders', async () => {
    const css = await ctx
      .http()
      .get('/assets/bootstrap-italia/css/bootstrap-italia.min.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=3600'); // pages stay no-store
    await ctx.http().get('/assets/bootstrap-italia/svg/sprites.svg').expect(200);
    await ctx
      .http()
      .get('/assets/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2')
      .expect(200);
    for (const outside of ['/assets/bootstrap-italia/plugins/alert.js', '/assets/bootstrap-italia/../package.json']) {
      expect([403, 404]).toContain((await ctx.http().get(outside)).status);
    }
    const fonts = await ctx.http().get('/assets/portal/fonts.css').expect(200);
    expect(fonts.text).toContain("font-family:'Titillium Web'");
  });
});

describe('browser sessions', () => {
  it('the session cookie is HttpOnly and SameSite=Lax; a POST without the CSRF token is refused', async () => {
    const page = await ctx.http().get('/accedi').expect(200);
    const cookie = cookieOf(page, 'sportello_session')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // no TLS in tests: WEB_COOKIE_SECURE=true behind TLS
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const noToken = await ctx
      .http()
      .post('/accedi')
      .set('cookie', cookie.split(';')[0])
      .type('form')
      .send({ email: account.email, password: account.password });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('Modulo scaduto');
    const wrongToken = await ctx
      .http()
      .post('/accedi')
      .set('cookie', cookie.split(';')[0])
      .type('form')
      .send({ _csrf: 'x'.repeat(43), email: account.email, password: account.password });
    expect(wrongToken.status).toBe(403);
    const noSession = await ctx
      .http()
      .post('/accedi')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password });
    expect(noSession.status).toBe(403);
  });

  it('login issues a new session id (no fixation) and opens the personal area', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { anon, cookie, location } = await webLogin(account);
    expect(cookie).not.toEqual(anon);
    expect(location).toBe('/area-personale');
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain('La mia area');
    // The anonymous session is gone.
    await ctx.http().get('/area-personale').set('cookie', anon).expect(303);
  });

  it('wrong credentials re-render the form with the service’s message, 401', async () => {
    const page = await ctx.http().get('/accedi').expect(200);
    const anon = cookieOf(page, 'sportello_session')!.split(';')[0];
    const res = await ctx
      .http()
      .post('/accedi')
      .set('cookie', anon)
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'nobody@test.sportello', password: 'whatever-long' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('E-mail o password non corretti.');
    expect(res.text).toContain('href="#f-email"');
  });

  it('logout ends the session at once and revokes its token family', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { cookie } = await webLogin(account);
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    await ctx
      .http()
      .post('/esci')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(area.text) })
      .expect(303)
      .expect('location', '/accedi?uscito=1');
    await ctx.http().get('/area-personale').set('cookie', cookie).expect(303);
    const [{ n }] = await ctx.db.query(
      `SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [account.id],
    );
    expect(n).toBe(0);
  });

  it('a password change through the API ends the browser session on the next request', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { cookie } = await webLogin(account);
    const tokens = await login(ctx, account);
    await ctx
      .http()
      .put('/api/v1/me/password')
      .set('authorization', `Bearer ${tokens.accessToken}`)
      .send({ currentPassword: account.password, newPassword: 'nuova-password-lunga' })
      .expect(204);
    const res = await ctx.http().get('/area-personale').set('cookie', cookie).expect(303);
    expect(cookieOf(res, 'sportello_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('disabling the account ends the browser session on the next request', async () => {
    const admin = await seedAccount(ctx.db, [Role.ADMIN]);
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { cookie } = await webLogin(account);
    await ctx
      .http()
      .post(`/api/v1/admin/users/${account.id}/disable`)
      .set('authorization', `Bearer ${await tokenFor(ctx, admin)}`)
      .expect(200);
    await ctx.http().get('/area-personale').set('cookie', cookie).expect(303);
  });

  it('an idle session ends after WEB_SESSION_IDLE_MINUTES, an active one does not', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { cookie } = await webLogin(account);
    ctx.clock.advance(29 * 60_000);
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain('data-idle-seconds="1800"');
    ctx.clock.advance(29 * 60_000);
    await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    ctx.clock.advance(31 * 60_000);
    await ctx.http().get('/area-personale').set('cookie', cookie).expect(303);
    const login = await ctx.http().get('/accedi').set('cookie', cookie).expect(200);
    expect(login.text).toContain('La sessione è terminata');
  });

  it('sessions past their lifetime are removed as new ones are made', async () => {
    await ctx.http().get('/accedi').expect(200);
    const [{ n: before }] = await ctx.db.query(`SELECT count(*)::int AS n FROM web_sessions`);
    expect(before).toBeGreaterThan(0);
    ctx.clock.advance(13 * 3_600_000); // past WEB_SESSION_MAX_HOURS (12)
    await ctx.http().get('/accedi').expect(200);
    const [{ n: live }] = await ctx.db.query(`SELECT count(*)::int AS n FROM web_sessions WHERE expires_at <= $1`, [
      ctx.clock.now(),
    ]);
    expect(live).toBe(0);
  });

  it('a staff account is refused the applicant area', async () => {
    const officer = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] });
    const { cookie, location } = await webLogin(officer);
    expect(location).toBe('/');
    const res = await ctx.http().get('/area-personale').set('cookie', cookie).expect(403);
    expect(res.text).toContain('Accesso non consentito');
  });
});

describe('catalogue and measure pages', () => {
  it('lists the measures citizens apply for, not the one an anti-violence centre files', async () => {
    const res = await ctx.http().get('/').expect(200);
    expect(res.text).toContain('Nidi Gratis Plus');
    expect(res.text).not.toMatch(/ALER/);
    await ctx.http().get('/misure/aler-violenza').expect(404);
  });

  it('searches and filters', async () => {
    const res = await ctx.http().get('/?q=nido&lang=en').expect(200);
    expect(res.text).toContain('Measures found: 1');
    const none = await ctx.http().get('/?q=zzzz').expect(200);
    expect(none.text).toContain('Nessuna misura corrisponde');
  });

  it('a sealed measure has a neutral title and an opaque address', async () => {
    const res = await ctx.http().get('/').expect(200);
    const links = [...res.text.matchAll(/href="\/misure\/([^"]+)"/g)].map((m) => m[1]);
    expect(links.some((l) => /orfani/i.test(l))).toBe(false);
    const sealed = links.filter((l) => l.startsWith('r-'));
    expect(sealed.length).toBe(1);
    const page = await ctx.http().get(`/misure/${sealed[0]}`).expect(200);
    const title = /<title>([^<]*)<\/title>/.exec(page.text)![1];
    expect(title).toMatch(/^Misura di sostegno – /);
    expect(title).not.toMatch(/orfan|femminicid/i);
  });

  it('the requirements check evaluates through the dry run, stores nothing, and explains each rule', async () => {
    const page = await ctx.http().get('/misure/nidi-gratis-plus-2024-25/verifica').expect(200);
    const anon = cookieOf(page, 'sportello_session')!.split(';')[0];
    const before = await databaseFingerprint(ctx, ['web_sessions']);
    const res = await ctx
      .http()
      .post('/misure/nidi-gratis-plus-2024-25/verifica')
      .set('cookie', anon)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        applicantRelationship: 'parent',
        iseeType: 'minorenni',
        iseeValue: '30.000,00',
        childEnrolledInAdmittedNursery: 'true',
      })
      .expect(200);
    expect(res.text).toContain('In base alle risposte, non hai tutti i requisiti.');
    expect(res.text).toMatch(/Non soddisfatto<\/strong>: L’ISEE non supera 25\.000,00 euro\./);
    expect(res.text).toMatch(/Soddisfatto<\/strong>: Presenta la domanda un genitore/);
    expect(res.text).toMatch(/Da verificare<\/strong>/);
    expect(await databaseFingerprint(ctx, ['web_sessions'])).toEqual(before);
    const bad = await ctx
      .http()
      .post('/misure/nidi-gratis-plus-2024-25/verifica')
      .set('cookie', anon)
      .type('form')
      .send({ _csrf: csrfOf(page.text), monthlyFeeCents: 'tanto' })
      .expect(400);
    expect(bad.text).toContain('href="#f-monthlyFeeCents"');
    expect(bad.text).toContain('aria-describedby="f-monthlyFeeCents-hint f-monthlyFeeCents-error"');
  });
});
