import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, type TestContext } from './support/test-app.js';
import { csrfOf, sessionCookie, signedIn as signIn } from './support/web-pages.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NIDI = '/misure/nidi-gratis-plus-2024-25';
const signedIn = (account: { email: string; password: string }) => signIn(ctx, account);

const draftsOf = async (email: string) =>
  Number(
    (
      (await ctx.db.query(
        `SELECT count(*)::int AS n FROM applications a JOIN users u ON u.id = a.owner_id WHERE u.email = $1`,
        [email],
      )) as { n: number }[]
    )[0].n,
  );

/** The link the verification e-mail carries, as the outbox holds it for the worker. */
const linkFor = async (email: string) =>
  (
    (await ctx.db.query(
      `SELECT o.params->>'link' AS link FROM notification_outbox o JOIN users u ON u.id = o.recipient_id WHERE u.email = $1 AND o.event = 'email_verification' ORDER BY o.created_at DESC LIMIT 1`,
      [email],
    )) as { link: string }[]
  )[0].link;

describe('registration and e-mail verification in the portal', () => {
  it('registration answers "check your e-mail"; the pasted link verifies the address; a wrong code is refused on its field', async () => {
    const email = `verify-${Date.now()}@test.sportello`;
    const form = await ctx.http().get('/registrati').expect(200);
    const cookie = sessionCookie(form)!;
    const body = {
      _csrf: csrfOf(form.text),
      firstName: 'Anna',
      lastName: 'Verdi',
      fiscalCode: uniqueFiscalCode(),
      birthDate: '1980-02-03',
      email,
      password: 'una-frase-lunga-e-segreta',
      residence: 'milano',
    };
    // The municipality is typed by its name; one the territory does not know is refused on its field.
    const unknownPlace = await ctx
      .http()
      .post('/registrati')
      .set('cookie', cookie)
      .type('form')
      .send({ ...body, residence: 'Atlantide' })
      .expect(400);
    expect(unknownPlace.text).toMatch(/id="f-residence"[^>]*aria-invalid="true"/);
    expect(unknownPlace.text).toContain('href="#f-residence"');
    await ctx
      .http()
      .post('/registrati')
      .set('cookie', cookie)
      .type('form')
      .send(body)
      .expect(303)
      .expect('location', '/registrazione-inviata');
    const [registered] = (await ctx.db.query(`SELECT residence_municipality_code AS code FROM users WHERE email = $1`, [
      email,
    ])) as { code: string }[];
    expect(registered.code).toBe('015146');
    expect((await ctx.http().get('/registrazione-inviata').expect(200)).text).toContain('Controlla la tua e-mail');

    const page = await ctx.http().get('/verifica-email').set('cookie', cookie).expect(200);
    expect(page.text).toContain('src="/assets/portal/verify-email.js"');
    const js = await ctx.http().get('/assets/portal/verify-email.js').expect(200);
    expect(js.text).toContain('history.replaceState');
    const csrf = csrfOf(page.text);
    const wrong = await ctx
      .http()
      .post('/verifica-email')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: 'not a code' })
      .expect(400);
    expect(wrong.text).toContain('href="#f-code"');
    const unknown = await ctx
      .http()
      .post('/verifica-email')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: 'A'.repeat(43) })
      .expect(400);
    expect(unknown.text).toContain('Link di conferma non valido');

    const link = await linkFor(email);
    expect(link).toMatch(/\/verifica-email#token=[A-Za-z0-9_-]{43}$/);
    await ctx
      .http()
      .post('/verifica-email')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: ` ${link} ` })
      .expect(303)
      .expect('location', '/verifica-email/confermata');
    const [user] = (await ctx.db.query(`SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE email = $1`, [
      email,
    ])) as { verified: boolean }[];
    expect(user.verified).toBe(true);
    expect((await ctx.http().get('/verifica-email/confermata').expect(200)).text).toContain('Indirizzo confermato');
  });

  it('an unverified account reads with a banner, and every write page refuses it with a message and writes nothing', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { emailUnverified: true });
    const cookie = await signedIn(account);
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain('non è ancora confermato');
    const form = await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200);
    const refused = await ctx
      .http()
      .post(`${NIDI}/domanda`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text), applicantRelationship: 'parent', months: '10' })
      .expect(403);
    expect(refused.text).toContain('Conferma prima il tuo indirizzo e-mail');
    expect(await draftsOf(account.email)).toBe(0);
  });

  it('a verified account sees no banner and saves', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const form = await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200);
    expect(form.text).not.toContain('non è ancora confermato');
    await ctx
      .http()
      .post(`${NIDI}/domanda`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text), consent: 'true' })
      .expect(303);
    expect(await draftsOf(account.email)).toBe(1);
  });

  it('an account with a temporary password is refused every signed-in page until it changes it', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { passwordChangeRequired: true });
    const cookie = await signedIn(account);
    const res = await ctx.http().get('/area-personale').set('cookie', cookie).expect(403);
    expect(res.text).toContain('Cambia prima la password');
  });
});
