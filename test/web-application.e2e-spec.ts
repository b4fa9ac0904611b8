import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NIDI = '/misure/nidi-gratis-plus-2024-25';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('sportello_session='))?.split(';')[0];

async function signedIn(account: { email: string; password: string }) {
  const page = await ctx.http().get('/accedi').expect(200);
  const res = await ctx
    .http()
    .post('/accedi')
    .set('cookie', sessionCookie(page)!)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password })
    .expect(303);
  return sessionCookie(res)!;
}

describe('the first step of an application: a draft saved and resumed', () => {
  it('anonymous visitors are sent to login', async () => {
    await ctx.http().get(`${NIDI}/domanda`).expect(303).expect('location', '/accedi');
  });

  it('an applicant fills the form rendered from the schema, saves a draft, resumes and updates it', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const form = await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200);
    for (const name of ['childFiscalCode', 'childBirthDate', 'monthlyFeeCents', 'iseeProtocol', 'months']) expect(form.text).toContain(`name="${name}"`);
    const csrf = csrfOf(form.text);

    const bad = await ctx.http().post(`${NIDI}/domanda`).set('cookie', cookie).type('form').send({ _csrf: csrf, monthlyFeeCents: 'tanto', months: '10' }).expect(400);
    expect(bad.text).toContain('href="#f-monthlyFeeCents"');
    expect(bad.text).toContain('value="10"'); // what was typed is kept

    const saved = await ctx
      .http()
      .post(`${NIDI}/domanda`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, applicantRelationship: 'parent', childBirthDate: '2024-03-01', hasSiblingUnder10: 'false', monthlyFeeCents: '450,00', months: '10' })
      .expect(303);
    const location = saved.headers.location;
    expect(location).toMatch(/^\/domande\/[0-9a-f-]{36}\?salvata=1$/);
    const id = location.split('/')[2].split('?')[0];

    // The API sees the same draft, typed as the schema says.
    const api = await ctx.http().get(`/api/v1/applications/${id}`).set('authorization', `Bearer ${await tokenFor(ctx, account)}`).expect(200);
    expect(api.body).toMatchObject({ status: 'DRAFT', data: { applicantRelationship: 'parent', childBirthDate: '2024-03-01', hasSiblingUnder10: false, monthlyFeeCents: 45_000, months: 10 } });

    const resumed = await ctx.http().get(location).set('cookie', cookie).expect(200);
    expect(resumed.text).toContain('Bozza salvata.');
    expect(resumed.text).toContain('value="450,00"');
    expect(resumed.text).toMatch(/value="parent" checked/);

    await ctx
      .http()
      .post(`/domande/${id}`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: /name="_version" value="(\d+)"/.exec(resumed.text)![1], applicantRelationship: 'parent', months: '11' })
      .expect(303);
    const after = await ctx.http().get(`/api/v1/applications/${id}`).set('authorization', `Bearer ${await tokenFor(ctx, account)}`).expect(200);
    expect(after.body.data).toEqual({ applicantRelationship: 'parent', months: 11 });

    // The personal area lists it, to be resumed later.
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain(`href="/domande/${id}"`);
    expect(area.text).toContain('<td>Bozza</td>');

    // Another applicant cannot see it: 404, as the API answers.
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    await ctx.http().get(`/domande/${id}`).set('cookie', other).expect(404);
  });
});
