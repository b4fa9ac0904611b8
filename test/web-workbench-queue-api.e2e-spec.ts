import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { actor, type Actor } from './support/actors.js';
import { givenCase, orphanForm } from './support/case-fixtures.js';
import { draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { ATS_BERGAMO, ATS_BRESCIA, BERGAMO } from './support/places.js';
import { createTestApp, type TestContext } from './support/test-app.js';
import { csrfOf, sessionCookie } from './support/web-pages.js';
import { slugFor } from '../src/modules/web/measure/portal-measures.js';

/** The work queue's API (`/api/v1/cases`, `/cases/counts`, `/cases/search`): the filters the workbench page shares. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NIDI = 'NIDI-GRATIS-PLUS-2024-25';
const nidi = () => ({
  applicantRelationship: 'parent',
  childFiscalCode: uniqueFiscalCode(),
  childBirthDate: '2024-05-10',
  hasSiblingUnder10: true,
  nurseryCode: 'NIDO-MI-001',
  childEnrolledInAdmittedNursery: true,
  iseeType: 'minorenni',
  iseeValue: '22.000,00',
  iseeProtocol: 'INPS-ISEE-2024-123456789-00',
  iseeHasOmissionsOrDiscrepancies: false,
  monthlyFeeCents: 45_000,
  months: 10,
});

/** A fresh territory per test: an ATS Bergamo officer pair sees only the cases this test files there. */
async function bergamoTeam() {
  return {
    citizen: await actor(ctx, Role.APPLICANT, { residence: BERGAMO }),
    officer: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] }),
    colleague: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] }),
    manager: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BERGAMO] }),
  };
}
const protocols = (res: { body: { items: { protocolNumber: string }[] } }) =>
  res.body.items.map((i) => i.protocolNumber);
const viewCount = (res: { body: { views: { key: string; count: number }[] } }, key: string) =>
  res.body.views.find((v) => v.key === key)?.count;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

async function take(manager: Actor, id: string, operatorId: string) {
  const [{ version }] = (await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [id])) as {
    version: number;
  }[];
  await manager.post(`/cases/${id}/take-in-charge`, { version, operatorId }).expect(200);
}

describe('work queue filters', () => {
  it('mine and unassigned split the open cases; counts agree with the lists', async () => {
    const team = await bergamoTeam();
    const a = await draftAndSubmit(ctx, team.citizen.token, NIDI, nidi());
    const b = await draftAndSubmit(ctx, team.citizen.token, NIDI, nidi());
    await take(team.manager, a.id, team.officer.id);
    const mine = await team.officer.get('/cases').query({ view: 'mine' }).expect(200);
    expect(ids(mine)).toEqual([a.id]);
    expect(mine.body.items[0]).toMatchObject({ assigneeName: 'Test User', eligibilityOutcome: expect.any(String) });
    const unassigned = await team.officer.get('/cases').query({ view: 'unassigned' }).expect(200);
    expect(ids(unassigned)).toContain(b.id);
    expect(ids(unassigned)).not.toContain(a.id);
    const counts = await team.officer.get('/cases/counts').expect(200);
    const all = await team.officer.get('/cases').query({ limit: 1 }).expect(200);
    expect(viewCount(counts, 'open')).toBe(all.body.total);
    expect(viewCount(counts, 'mine')).toBe(1);
    expect(viewCount(counts, 'unassigned')).toBe(unassigned.body.total);
    expect(counts.body.measures).toEqual(
      expect.arrayContaining([{ key: NIDI, count: expect.any(Number), more: false }]),
    );
    expect(counts.body.states.map((s: { key: string }) => s.key)).toEqual(
      expect.arrayContaining(['SUBMITTED', 'IN_REVIEW']),
    );
    expect(viewCount(await team.colleague.get('/cases/counts').expect(200), 'mine')).toBe(0);
  });

  it('per state, per eligibility outcome and by protocol number', async () => {
    const team = await bergamoTeam();
    const a = await draftAndSubmit(ctx, team.citizen.token, NIDI, nidi());
    await take(team.manager, a.id, team.officer.id);
    const inReview = await team.officer.get('/cases').query({ status: 'IN_REVIEW' }).expect(200);
    expect(inReview.body.items.every((i: { status: string }) => i.status === 'IN_REVIEW')).toBe(true);
    expect(ids(inReview)).toContain(a.id);
    const [{ outcome }] = (await ctx.db.query(`SELECT outcome FROM eligibility_decisions WHERE application_id = $1`, [
      a.id,
    ])) as { outcome: string }[];
    const byOutcome = await team.officer.get('/cases').query({ eligibility: outcome }).expect(200);
    expect(ids(byOutcome)).toContain(a.id);
    const other = ['eligible', 'not_eligible', 'needs_review'].find((o) => o !== outcome)!;
    expect(ids(await team.officer.get('/cases').query({ eligibility: other }).expect(200))).not.toContain(a.id);
    const byProtocol = await team.officer.get('/cases').query({ protocol: a.receipt.protocolNumber }).expect(200);
    expect(protocols(byProtocol)).toEqual([a.receipt.protocolNumber]);
    const prefix = a.receipt.protocolNumber.slice(0, 9);
    const byPrefix = await team.officer.get('/cases').query({ protocol: prefix }).expect(200);
    expect(protocols(byPrefix).every((p: string) => p.startsWith(prefix))).toBe(true);
  });

  it('bad filters are 400 problems; the offset is bounded', async () => {
    const team = await bergamoTeam();
    for (const query of [
      { view: 'everything' },
      { eligibility: 'maybe' },
      { protocol: "2026-1' OR 1=1" },
      { offset: '10001' },
      { status: 'DRAFT' },
    ]) {
      const res = await team.officer.get('/cases').query(query).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await team.officer.get('/cases').query({ offset: '10000' }).expect(200);
  });

  it('due within 5 days, overdue and suspended follow the legal deadline', async () => {
    const team = await bergamoTeam();
    const a = await draftAndSubmit(ctx, team.citizen.token, NIDI, nidi());
    const inView = async (view: string) =>
      ids(await team.officer.get('/cases').query({ view, limit: 200 }).expect(200)).includes(a.id);
    expect(await inView('due_soon')).toBe(false);
    const [{ left }] = (await ctx.db.query(
      `SELECT (received_date + deadline_days + suspended_days) - $2::date AS left FROM applications WHERE id = $1`,
      [a.id, ctx.clock.now().toISOString().slice(0, 10)],
    )) as { left: number }[];
    ctx.clock.advance((left - 3) * 86_400_000);
    expect(await inView('due_soon')).toBe(true);
    expect(await inView('overdue')).toBe(false);
    ctx.clock.advance(5 * 86_400_000);
    expect(await inView('overdue')).toBe(true);
    expect(viewCount(await team.officer.get('/cases/counts').expect(200), 'overdue')).toBeGreaterThan(0);
    await take(team.manager, a.id, team.officer.id);
    const [{ version }] = (await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [a.id])) as {
      version: number;
    }[];
    await team.officer
      .post(`/cases/${a.id}/integration-request`, { version, message: 'Allegare la retta', days: 10 })
      .expect(200);
    expect(await inView('suspended')).toBe(true);
    expect(await inView('overdue')).toBe(false);
  });
});

describe('sealed cases in the queue', () => {
  it('an unassigned OPERATOR sees a sealed case in no list, count or search; a search by its officer is recorded', async () => {
    const guardian = await actor(ctx, Role.APPLICANT);
    const officer = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const colleague = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const manager = await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
    const cf = uniqueFiscalCode();
    const sealed = await givenCase(
      ctx,
      'IN_REVIEW',
      { applicant: guardian, manager, operator: officer },
      {
        data: orphanForm({ beneficiaryFiscalCode: cf }),
      },
    );
    const before = await colleague.get('/cases/counts').expect(200);
    for (const query of [
      {},
      { view: 'unassigned' },
      { status: 'IN_REVIEW' },
      { measureCode: 'ORFANI-FEMMINICIDIO' },
      { protocol: sealed.protocolNumber },
    ]) {
      expect(ids(await colleague.get('/cases').query(query).expect(200))).not.toContain(sealed.id);
    }
    expect(before.body.measures.map((m: { key: string }) => m.key)).not.toContain('ORFANI-FEMMINICIDIO');
    expect((await colleague.post('/cases/search', { fiscalCode: cf }).expect(200)).body).toEqual([]);
    expect(ids(await officer.get('/cases').query({ view: 'mine' }).expect(200))).toContain(sealed.id);
    expect(viewCount(await officer.get('/cases/counts').expect(200), 'mine')).toBe(1);
    const found = await officer.post('/cases/search', { fiscalCode: cf.toLowerCase() }).expect(200);
    expect(found.body.map((i: { id: string }) => i.id)).toEqual([sealed.id]);
    const log = await officer.get(`/cases/${sealed.id}/access-log`).expect(200);
    expect(log.body.map((r: { action: string }) => r.action)).toContain('search');
    await officer.post('/cases/search', { fiscalCode: 'short' }).expect(400);
    await guardian.post('/cases/search', { fiscalCode: cf }).expect(403);
  });
});

describe('saved filters on the queue page', () => {
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

  it('an officer saves a combination, finds it in the sidebar, and removes it; nobody else sees it', async () => {
    const team = await bergamoTeam();
    const cookie = await signedIn(team.officer.account);
    const queue = await ctx.http().get('/lavoro?view=mine&status=IN_REVIEW').set('cookie', cookie).expect(200);
    const csrf = csrfOf(queue.text);
    const bad = await ctx
      .http()
      .post('/lavoro/filtri')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, view: 'mine', status: 'NOT-A-STATE', filterName: 'Rotto' })
      .expect(400);
    expect(bad.text).toContain('error-summary');
    const saved = await ctx
      .http()
      .post('/lavoro/filtri')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, view: 'mine', status: 'IN_REVIEW', filterName: 'Le mie in istruttoria' })
      .expect(303);
    expect(saved.headers.location).toBe('/lavoro?view=mine&status=IN_REVIEW');
    const after = await ctx.http().get('/lavoro').set('cookie', cookie).expect(200);
    expect(after.text).toContain('Le mie in istruttoria');
    expect(after.text).toContain('href="/lavoro?view=mine&amp;status=IN_REVIEW"');
    // A sealed measure's filter is saved under its code and linked by its opaque slug only.
    const slug = slugFor('ORFANI-FEMMINICIDIO', true);
    const sealedFilter = await ctx
      .http()
      .post('/lavoro/filtri')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, misura: slug, filterName: 'Orfani' })
      .expect(303);
    expect(sealedFilter.headers.location).toBe(`/lavoro?misura=${slug}`);
    const withSealed = (await ctx.http().get('/lavoro').set('cookie', cookie).expect(200)).text;
    expect(withSealed).toContain(`href="/lavoro?misura=${slug}"`);
    expect(withSealed).not.toMatch(/(href|action|value)="[^"]*ORFANI/);
    const colleague = await signedIn(team.colleague.account);
    expect((await ctx.http().get('/lavoro').set('cookie', colleague).expect(200)).text).not.toContain(
      'Le mie in istruttoria',
    );
    const id = /action="\/lavoro\/filtri\/([0-9a-f-]{36})\/elimina"/.exec(after.text)![1];
    // The colleague's attempt removes nothing; the owner's removes it.
    const colleaguePage = await ctx.http().get('/lavoro').set('cookie', colleague).expect(200);
    await ctx
      .http()
      .post(`/lavoro/filtri/${id}/elimina`)
      .set('cookie', colleague)
      .type('form')
      .send({ _csrf: csrfOf(colleaguePage.text) })
      .expect(303);
    expect((await ctx.http().get('/lavoro').set('cookie', cookie).expect(200)).text).toContain('Le mie in istruttoria');
    await ctx
      .http()
      .post(`/lavoro/filtri/${id}/elimina`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect((await ctx.http().get('/lavoro').set('cookie', cookie).expect(200)).text).not.toContain(
      'Le mie in istruttoria',
    );
  });
});
