import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { bearer } from './support/cases.js';
import { MILANO } from './support/case-fixtures.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

/**
 * Hostile inputs an attacker types by hand: numbers beyond any column, NUL bytes and lone
 * surrogates, dates PostgreSQL reads differently from JavaScript, forged cursors. Each one is a
 * 400 problem+json naming the parameter, never a 500, and nothing is written.
 */
let ctx: TestContext;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  tokens[Role.ADMIN] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
  tokens[Role.OPERATOR] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
  tokens[Role.AUDITOR] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.AUDITOR]));
  tokens[Role.APPLICANT] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }));
});
afterAll(() => ctx.close());

const TWO_TO_63 = '9223372036854775808';
const cursor = (text: string) => Buffer.from(text).toString('base64url');

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: { code?: string; errors?: { field: string }[] } },
  field: string,
) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errors?.map((e) => e.field)).toContain(field);
}

describe('query strings', () => {
  const cases: [Role | null, string, string][] = [
    [Role.ADMIN, `/api/v1/admin/users?offset=${TWO_TO_63}`, 'offset'],
    [Role.ADMIN, '/api/v1/admin/users?offset=1e30', 'offset'],
    [Role.ADMIN, '/api/v1/admin/users?limit=1.5', 'limit'],
    [Role.ADMIN, '/api/v1/admin/users?offset=0x10', 'offset'],
    [Role.ADMIN, '/api/v1/admin/users?q=a%00b', 'q'],
    [Role.OPERATOR, `/api/v1/applicants?lastName=Ro&offset=${TWO_TO_63}`, 'offset'],
    [Role.OPERATOR, `/api/v1/cases?offset=${TWO_TO_63}`, 'offset'],
    [null, `/api/v1/territory/municipalities?offset=${TWO_TO_63}`, 'offset'],
    [null, '/api/v1/territory/municipalities?q=Mil%00', 'q'],
    [Role.AUDITOR, `/api/v1/audit/entries?after=${TWO_TO_63}`, 'after'],
    [Role.AUDITOR, '/api/v1/audit/entries?from=2026-W05-1', 'from'],
    [Role.AUDITOR, '/api/v1/audit/entries?to=2026-02-30', 'to'],
    [Role.AUDITOR, '/api/v1/audit/entries?from=2026-035', 'from'],
    [Role.AUDITOR, '/api/v1/auditor/decisions?minAmountCents=1.5', 'minAmountCents'],
    [Role.AUDITOR, `/api/v1/auditor/decisions?maxAmountCents=${TWO_TO_63}`, 'maxAmountCents'],
    [Role.AUDITOR, '/api/v1/auditor/decisions?measureCode=B1-FNA-2025&measureVersion=99999999999', 'measureVersion'],
    [Role.AUDITOR, '/api/v1/auditor/decisions?receivedFrom=2026-W05-1', 'receivedFrom'],
    [Role.AUDITOR, '/api/v1/auditor/decisions?decidedTo=2026-02-30', 'decidedTo'],
    [
      Role.AUDITOR,
      `/api/v1/auditor/decisions?after=${cursor('2026-02-30T00:00:00.000000Z|00000000-0000-4000-8000-000000000000')}`,
      'after',
    ],
    [Role.AUDITOR, `/api/v1/auditor/decisions?after=${cursor('1|------------------------------------')}`, 'after'],
    [Role.AUDITOR, '/api/v1/auditor/decisions?after=AAAA', 'after'],
  ];
  it.each(cases)('%s GET %s → 400 naming %s', async (role, url, field) => {
    const req = ctx.http().get(url);
    if (role) req.set(bearer(tokens[role]!));
    expectProblem(await req, field);
  });

  it('a well-formed cursor and timestamps still work', async () => {
    const ok = cursor('2026-03-02T09:00:00.000000Z|00000000-0000-4000-8000-000000000000');
    await ctx
      .http()
      .get(`/api/v1/auditor/decisions?after=${ok}&receivedFrom=2026-01-01&decidedTo=2026-03-02T10:00:00%2B01:00`)
      .set(bearer(tokens[Role.AUDITOR]!))
      .expect(200);
    await ctx
      .http()
      .get('/api/v1/audit/entries?from=2026-01-01T00:00:00Z&after=12')
      .set(bearer(tokens[Role.AUDITOR]!))
      .expect(200);
    await ctx.http().get('/api/v1/admin/users?offset=10&limit=5').set(bearer(tokens[Role.ADMIN]!)).expect(200);
  });
});

describe('JSON bodies', () => {
  const register = (overrides: Record<string, unknown>) => ({
    email: `hostile-${Math.random().toString(36).slice(2)}@test.sportello`,
    password: 'una-password-lunga-1',
    firstName: 'Maria',
    lastName: 'Rossi',
    birthDate: '1985-12-10',
    fiscalCode: uniqueFiscalCode(),
    ...overrides,
  });

  it.each([
    ['a NUL byte', { firstName: 'Ma\u0000ria' }, 'firstName'],
    ['a lone high surrogate', { lastName: 'Rossi\ud800' }, 'lastName'],
    ['a lone low surrogate', { lastName: '\udc00Rossi' }, 'lastName'],
  ])('registration with %s → 400 naming the field', async (_what, overrides, field) => {
    const before = await ctx.db.query(`SELECT count(*)::int AS n FROM users`);
    expectProblem(await ctx.http().post('/api/v1/auth/register').send(register(overrides)), field);
    expect(await ctx.db.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('NUL and lone surrogates inside nested form data and keys → 400 naming the path', async () => {
    const token = tokens[Role.APPLICANT]!;
    const post = (data: Record<string, unknown>) =>
      ctx.http().post('/api/v1/applications').set(bearer(token)).send({ measureCode: 'B1-FNA-2025', data });
    expectProblem(await post({ careGiver: { name: 'x\u0000' } }), 'data.careGiver.name');
    expectProblem(await post({ notes: ['ok', '\ud83d'] }), 'data.notes.1');
    expectProblem(await post({ 'a\u0000b': 1 }), 'data');
    const surrogatePair = await post({ note: 'emoji 😀 is fine' });
    expect(surrogatePair.status).toBe(201);
  });

  it('an amount beyond any column → 400 naming it', async () => {
    const admin = bearer(tokens[Role.ADMIN]!);
    for (const amount of [1e300, 2 ** 63, 2 ** 53]) {
      expectProblem(
        await ctx
          .http()
          .post('/api/v1/admin/measures/B1-FNA-2025/budget/increase')
          .set(admin)
          .send({ amount, reason: 'Delibera di prova' }),
        'amount',
      );
    }
  });

  it('a case version beyond the integer column → 400 naming it', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/cases/00000000-0000-4000-8000-000000000000/take-in-charge')
      .set(bearer(tokens[Role.OPERATOR]!))
      .send({ version: 2 ** 31 });
    expectProblem(res, 'version');
  });
});

describe('dry run', () => {
  const dryRun = (body: Record<string, unknown>) =>
    ctx
      .http()
      .post('/api/v1/measures/NIDI-GRATIS-PLUS-2024-25/versions/1/dry-run')
      .set(bearer(tokens[Role.OPERATOR]!))
      .send(body);

  it.each(['2026-02-30', '2026-W05-1', '2026-13-01', '2025-02-29', '2026-035'])(
    'applicationDate %s → 400 naming it',
    async (applicationDate) => {
      expectProblem(await dryRun({ facts: {}, applicationDate }), 'applicationDate');
    },
  );

  it('a real leap day is a date', async () => {
    await dryRun({ facts: {}, applicationDate: '2024-02-29' }).expect(200);
  });

  it('facts are checked against the form: misspelt fields, wrong types, impossible dates → 400 naming facts.<field>', async () => {
    const sample = SAMPLE_APPLICATIONS['NIDI-GRATIS-PLUS-2024-25'];
    const { months, ...rest } = sample;
    expectProblem(await dryRun({ facts: { ...rest, mnths: months }, applicationDate: '2024-11-20' }), 'facts.mnths');
    expectProblem(
      await dryRun({ facts: { ...sample, iseeValue: 22000 }, applicationDate: '2024-11-20' }),
      'facts.iseeValue',
    );
    expectProblem(await dryRun({ facts: { ...sample, months: '10' }, applicationDate: '2024-11-20' }), 'facts.months');
    expectProblem(
      await dryRun({ facts: { ...sample, childBirthDate: '2024-02-30' }, applicationDate: '2024-11-20' }),
      'facts.childBirthDate',
    );
    // a partial form is a dry run's purpose: what is missing is reported by the rules, not refused
    const partial = await dryRun({ facts: rest, applicationDate: '2024-11-20' }).expect(200);
    expect(partial.body.benefitError).toMatchObject({ fact: 'months' });
  });
});
