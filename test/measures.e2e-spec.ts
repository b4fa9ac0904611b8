import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from '../src/modules/measures/domain/index.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { content, i18n, newGrant } from './support/measure-fixtures.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: string;
let operator: string;
let applicant: string;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const MILANO = '015146';

async function counts() {
  const [row] = await ctx.db.query(
    `SELECT (SELECT count(*) FROM measures)::int AS m, (SELECT count(*) FROM measure_versions)::int AS v`,
  );
  return row as { m: number; v: number };
}

/** Row counts of every table, and the full content of the measure tables. */
async function snapshot() {
  const tables: { table_name: string }[] = await ctx.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const rows: Record<string, number> = {};
  for (const { table_name } of tables) {
    rows[table_name] = (await ctx.db.query(`SELECT count(*)::int AS n FROM "${table_name}"`))[0].n;
  }
  const [{ measures }] = await ctx.db.query(
    `SELECT md5(string_agg(v::text, '|' ORDER BY v.id)) AS measures FROM measure_versions v`,
  );
  return { rows, measures };
}

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
  operator = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
  applicant = await tokenFor(ctx, await seedAccount(ctx.db, [Role.APPLICANT]));
});
afterAll(() => ctx.close());

describe('reference measures', () => {
  it('are listed publicly, open, with their content hash', async () => {
    const res = await ctx.http().get('/api/v1/measures').expect(200);
    expect(res.body.map((m: { code: string }) => m.code).sort()).toEqual(REFERENCE_MEASURES.map((d) => d.code).sort());
    for (const m of res.body) {
      expect(m).toMatchObject({ version: 1, open: true, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const orphans = res.body.find((m: { code: string }) => m.code === 'ORFANI-FEMMINICIDIO');
    expect(orphans).toMatchObject({
      managingBody: { kind: 'ATS', code: '326' },
      territorialScope: { atsCodes: [], ambitoCodes: [] },
    });
    const open = await ctx.http().get('/api/v1/measures?open=true').expect(200);
    expect(open.body).toHaveLength(REFERENCE_MEASURES.length);
    ctx.clock.set(new Date('2028-01-01T00:00:00+01:00'));
    try {
      expect((await ctx.http().get('/api/v1/measures?open=true').expect(200)).body).toEqual([]);
      expect((await ctx.http().get('/api/v1/measures?open=false').expect(200)).body).toHaveLength(
        REFERENCE_MEASURES.length,
      );
    } finally {
      ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
    }
  });

  it('are readable publicly: rules with their texts, form schema, documents, window', async () => {
    const res = await ctx.http().get('/api/v1/measures/NIDI-GRATIS-PLUS-2024-25').expect(200);
    expect(res.body).toMatchObject({
      code: 'NIDI-GRATIS-PLUS-2024-25',
      version: 1,
      status: 'published',
      window: { opensAt: '2025-12-31T23:00:00.000Z', closesAt: '2027-12-31T22:59:59.000Z' },
      formSchema: { type: 'object' },
      managingBody: { kind: 'REGION', code: null },
    });
    expect(res.body.definition.eligibility[0].text.it).toEqual(expect.any(String));
    expect(res.body.requiredDocuments.length).toBeGreaterThan(0);
    expect(
      (await ctx.http().get('/api/v1/measures/NIDI-GRATIS-PLUS-2024-25/versions/1').expect(200)).body.contentHash,
    ).toBe(res.body.contentHash);
    await ctx.http().get('/api/v1/measures/NO-SUCH-MEASURE').expect(404);
  });

  const expected: Record<string, { date: string; outcome: string; amountCents: number | null }> = {
    'ORFANI-FEMMINICIDIO': { date: '2025-03-14', outcome: 'needs_review', amountCents: 500_000 },
    'NIDI-GRATIS-PLUS-2024-25': { date: '2024-11-20', outcome: 'eligible', amountCents: 100_000 },
    'B1-FNA-2025': { date: '2025-03-01', outcome: 'eligible', amountCents: null },
    // Seregno is in the Ambito di Seregno in the shipped territory data (docs/territory.md)
    'B2-FNA-2025-SEREGNO': { date: '2025-04-01', outcome: 'eligible', amountCents: 120_000 },
    'ALER-VIOLENZA': { date: '2025-03-15', outcome: 'needs_review', amountCents: 0 },
    'BONUS-ASSISTENTI-FAMILIARI': { date: '2025-10-10', outcome: 'eligible', amountCents: 240_000 },
  };

  it.each(Object.keys(SAMPLE_APPLICATIONS))('dry run of %s on its sample application', async (code) => {
    const want = expected[code];
    const res = await ctx
      .http()
      .post(`/api/v1/measures/${code}/versions/1/dry-run`)
      .set(bearer(operator))
      .send({ facts: SAMPLE_APPLICATIONS[code], applicationDate: want.date })
      .expect(200);
    expect(res.body.outcome).toBe(want.outcome);
    expect(res.body.rules.length).toBe(REFERENCE_MEASURES.find((d) => d.code === code)!.eligibility.length);
    expect(res.body.factIssues).toEqual([]);
    expect(res.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.benefit).not.toBeNull();
    if (want.amountCents !== null) expect(res.body.benefit.amountCents).toBe(want.amountCents);
    expect(res.body.benefit.explanation.it).toEqual(expect.any(String));
  });

  it('dry run is for staff roles only', async () => {
    const facts = SAMPLE_APPLICATIONS['B1-FNA-2025'];
    await ctx.http().post('/api/v1/measures/B1-FNA-2025/versions/1/dry-run').send({ facts }).expect(401);
    await ctx
      .http()
      .post('/api/v1/measures/B1-FNA-2025/versions/1/dry-run')
      .set(bearer(applicant))
      .send({ facts })
      .expect(403);
  });

  it('a benefit that lacks a fact is reported, not a 500', async () => {
    const { months: _months, ...facts } = SAMPLE_APPLICATIONS['NIDI-GRATIS-PLUS-2024-25'];
    const res = await ctx
      .http()
      .post('/api/v1/measures/NIDI-GRATIS-PLUS-2024-25/versions/1/dry-run')
      .set(bearer(operator))
      .send({ facts, applicationDate: '2024-11-20' })
      .expect(200);
    expect(res.body.benefit).toBeNull();
    expect(res.body.benefitError).toMatchObject({ fact: 'months' });
  });

  it('a dry run writes nothing', async () => {
    const before = await snapshot();
    await ctx
      .http()
      .post('/api/v1/measures/B1-FNA-2025/versions/1/dry-run')
      .set(bearer(admin))
      .send({ facts: SAMPLE_APPLICATIONS['B1-FNA-2025'] })
      .expect(200);
    expect(await snapshot()).toEqual(before);
  });
});

describe('an administrator configures a new measure through the API alone', () => {
  const code = 'CONTRIBUTO-TEST-2026';
  const base = `/api/v1/admin/measures/${code}/versions`;
  /** Another new grant, created and published as version 1; each test below has its own. */
  const givenPublished = async (other: string) => {
    await ctx
      .http()
      .post('/api/v1/admin/measures')
      .set(bearer(admin))
      .send(content(newGrant(other)))
      .expect(201);
    const published = await ctx
      .http()
      .post(`/api/v1/admin/measures/${other}/versions/1/publish`)
      .set(bearer(admin))
      .send({})
      .expect(200);
    return { base: `/api/v1/admin/measures/${other}/versions`, v1Hash: published.body.contentHash as string };
  };

  it('creates, validates and publishes it; a dry run explains and computes', async () => {
    const created = await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(content()).expect(201);
    expect(created.body).toMatchObject({
      code,
      version: 1,
      status: 'draft',
      contentHash: null,
      lockVersion: 1,
      quotas: [{ kind: 'ATS', code: '326', amount: 1_000_000 }],
    });
    await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(content()).expect(409);

    const listed = await ctx.http().get('/api/v1/admin/measures').set(bearer(admin)).expect(200);
    expect(listed.body.find((m: { code: string }) => m.code === code).versions).toEqual([
      { version: 1, status: 'draft', validFrom: null, validTo: null },
    ]);

    const report = await ctx.http().post(`${base}/1/validate`).set(bearer(admin)).expect(200);
    expect(report.body).toEqual({ valid: true, problems: [] });

    const published = await ctx.http().post(`${base}/1/publish`).set(bearer(admin)).send({}).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      validFrom: ctx.clock.now().toISOString(),
      validTo: null,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const v1Hash = published.body.contentHash;

    const pub = await ctx.http().get(`/api/v1/measures/${code}`).expect(200);
    expect(pub.body).toMatchObject({ version: 1, open: true, contentHash: v1Hash });

    const dry = (facts: Record<string, unknown>) =>
      ctx
        .http()
        .post(`/api/v1/measures/${code}/versions/1/dry-run`)
        .set(bearer(operator))
        .send({ facts, applicationDate: '2026-03-02' })
        .expect(200);
    const yes = await dry({ residenceIstatCode: MILANO, iseeType: 'ordinario', iseeValue: '15.000,00' });
    expect(yes.body).toMatchObject({
      outcome: 'eligible',
      benefit: { amountCents: 30_000 },
      benefitError: null,
      contentHash: v1Hash,
      rules: [
        { id: 'resident-in-lombardy', result: 'pass', inputs: { residentInLombardy: true } },
        {
          id: 'isee-threshold',
          result: 'pass',
          inputs: { iseeValueCents: 1_500_000 },
          text: { it: "L'ISEE non supera 15.000,00 euro." },
        },
      ],
    });
    const no = await dry({ residenceIstatCode: MILANO, iseeType: 'ordinario', iseeValue: '15.000,01' });
    expect(no.body).toMatchObject({
      outcome: 'not_eligible',
      benefit: null,
      rules: [{ result: 'pass' }, { id: 'isee-threshold', result: 'fail' }],
    });
    const turin = await dry({ residenceIstatCode: '001272', iseeType: 'ordinario', iseeValue: '1000' });
    expect(turin.body.rules[0]).toMatchObject({
      id: 'resident-in-lombardy',
      result: 'fail',
      inputs: { residentInLombardy: false },
    });
  });

  it('a published version cannot change: 409 through the API', async () => {
    const frozen = 'CONTRIBUTO-FROZEN-2026';
    const { base } = await givenPublished(frozen);
    const res = await ctx
      .http()
      .put(`${base}/1`)
      .set(bearer(admin))
      .send({ ...content(newGrant(frozen)), lockVersion: 2 })
      .expect(409);
    expect(res.body.code).toBe('MEASURE_VERSION_FROZEN');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await ctx.http().post(`${base}/1/publish`).set(bearer(admin)).send({}).expect(409)).body.code).toBe(
      'MEASURE_VERSION_FROZEN',
    );
  });

  it('nor directly in PostgreSQL: the trigger rejects content updates and deletes', async () => {
    const frozen = 'CONTRIBUTO-TRIGGER-2026';
    await givenPublished(frozen);
    await expect(
      ctx.db.query(
        `UPDATE measure_versions v SET definition = jsonb_set(definition, '{title,it}', '"x"') FROM measures m WHERE m.id = v.measure_id AND m.code = $1 AND v.version = 1`,
        [frozen],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      ctx.db.query(
        `DELETE FROM measure_versions v USING measures m WHERE m.id = v.measure_id AND m.code = 'B1-FNA-2025'`,
      ),
    ).rejects.toThrow(/cannot be deleted/);
    await expect(
      ctx.db.query(
        `UPDATE measure_versions v SET status = 'draft' FROM measures m WHERE m.id = v.measure_id AND m.code = 'B1-FNA-2025'`,
      ),
    ).rejects.toThrow(/cannot move/);
  });

  it('v2 from v1: a draft, hidden from the public, published closes v1 and takes over', async () => {
    const code = 'CONTRIBUTO-V2-2026';
    const { base, v1Hash } = await givenPublished(code);
    const draft = await ctx.http().post(base).set(bearer(admin)).expect(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft', lockVersion: 1 });
    await ctx.http().post(base).set(bearer(admin)).expect(409);

    // drafts: only ADMIN sees them
    await ctx.http().get(`/api/v1/measures/${code}/versions/2`).expect(404);
    await ctx.http().get(`${base}/2`).set(bearer(operator)).expect(403);
    expect((await ctx.http().get(`${base}/2`).set(bearer(admin)).expect(200)).body.status).toBe('draft');
    const facts = { residenceIstatCode: MILANO, iseeType: 'ordinario', iseeValue: '18.000,00' };
    await ctx
      .http()
      .post(`/api/v1/measures/${code}/versions/2/dry-run`)
      .set(bearer(operator))
      .send({ facts })
      .expect(404);

    const raised = newGrant(code);
    (raised.eligibility[1] as { expression: unknown; text: unknown }).expression = {
      '<=': [{ var: 'iseeValueCents' }, 2_000_000],
    };
    (raised.eligibility[1] as { text: unknown }).text = i18n(
      "L'ISEE non supera 20.000,00 euro.",
      'The ISEE is at most 20,000.00 EUR.',
    );
    const edited = await ctx
      .http()
      .put(`${base}/2`)
      .set(bearer(admin))
      .send({ ...content(raised), lockVersion: 1 })
      .expect(200);
    expect(edited.body.lockVersion).toBe(2);
    expect(
      (
        await ctx
          .http()
          .put(`${base}/2`)
          .set(bearer(admin))
          .send({ ...content(raised), lockVersion: 1 })
          .expect(409)
      ).body.code,
    ).toBe('MEASURE_STALE_VERSION');
    const adminDry = await ctx
      .http()
      .post(`/api/v1/measures/${code}/versions/2/dry-run`)
      .set(bearer(admin))
      .send({ facts })
      .expect(200);
    expect(adminDry.body).toMatchObject({ outcome: 'eligible', contentHash: null });

    ctx.clock.advance(60_000);
    const validFrom = '2026-03-02T10:30:00+01:00';
    const v2 = await ctx.http().post(`${base}/2/publish`).set(bearer(admin)).send({ validFrom }).expect(200);
    expect(v2.body).toMatchObject({ status: 'published', validFrom: new Date(validFrom).toISOString() });
    expect(v2.body.contentHash).not.toBe(v1Hash);

    const v1 = await ctx.http().get(`/api/v1/measures/${code}/versions/1`).expect(200);
    expect(v1.body).toMatchObject({
      status: 'published',
      validTo: new Date(validFrom).toISOString(),
      contentHash: v1Hash,
    });

    // v1 stays in force until v2's validFrom
    expect((await ctx.http().get(`/api/v1/measures/${code}`).expect(200)).body.version).toBe(1);
    ctx.clock.set(new Date(validFrom));
    expect((await ctx.http().get(`/api/v1/measures/${code}`).expect(200)).body).toMatchObject({
      version: 2,
      contentHash: v2.body.contentHash,
    });

    const retired = await ctx.http().post(`${base}/1/retire`).set(bearer(admin)).expect(200);
    expect(retired.body).toMatchObject({ status: 'retired', validTo: new Date(validFrom).toISOString() });
    expect((await ctx.http().get(`/api/v1/measures/${code}/versions/1`).expect(200)).body.status).toBe('retired');
    await ctx.http().post(`${base}/1/retire`).set(bearer(admin)).expect(409);
    ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
  });
});

describe('bad input', () => {
  it('an invalid definition is a 400 naming definition.<path>', async () => {
    const broken = newGrant('CONTRIBUTO-ROTTO') as Record<string, any>;
    broken.procedure.type = 'lottery';
    delete broken.title.en;
    broken.benefit.amount.op = 'guess';
    const res = await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(content(broken)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('MEASURE_INVALID_DEFINITION');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['definition.procedure.type', 'definition.title', 'definition.benefit.amount.op']),
    );
    expect(res.body.detail).toEqual(expect.any(String));
    expect(res.body.detailEn).toEqual(expect.any(String));
  });

  it('unknown fields are rejected, in the body and in the definition', async () => {
    const body = await ctx
      .http()
      .post('/api/v1/admin/measures')
      .set(bearer(admin))
      .send({ ...content(newGrant('CONTRIBUTO-X')), extra: 1 })
      .expect(400);
    expect(body.body.errors.map((e: { field: string }) => e.field)).toContain('extra');
    const definition = { ...newGrant('CONTRIBUTO-X'), colour: 'red' };
    const def = await ctx
      .http()
      .post('/api/v1/admin/measures')
      .set(bearer(admin))
      .send(content(definition))
      .expect(400);
    expect(def.body.errors).toEqual([{ field: 'definition.colour', messages: ['unknown field'] }]);
  });

  it('semantic problems are reported by validate and block publishing', async () => {
    const wrong = newGrant('CONTRIBUTO-SEMANTICO');
    (wrong.eligibility[0] as { expression: unknown }).expression = { '==': [{ var: 'notAFormField' }, true] };
    await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(content(wrong)).expect(201);
    const base = '/api/v1/admin/measures/CONTRIBUTO-SEMANTICO/versions/1';
    const report = await ctx.http().post(`${base}/validate`).set(bearer(admin)).expect(200);
    expect(report.body).toEqual({
      valid: false,
      problems: [{ field: 'definition.eligibility.0.expression', message: 'unknown fact "notAFormField"' }],
    });
    const res = await ctx.http().post(`${base}/publish`).set(bearer(admin)).send({}).expect(409);
    expect(res.body).toMatchObject({
      code: 'MEASURE_NOT_PUBLISHABLE',
      errors: [{ field: 'definition.eligibility.0.expression' }],
    });
  });

  it('territories must exist and quotas fit the budget', async () => {
    const before = await counts();
    const unknownAts = {
      ...content(newGrant('CONTRIBUTO-Y')),
      territorialScope: { atsCodes: ['399'], ambitoCodes: [] },
    };
    const res = await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(unknownAts).expect(400);
    expect(res.body.errors[0].field).toBe('territorialScope.atsCodes');
    const tooMuch = { ...content(newGrant('CONTRIBUTO-Y')), quotas: [{ kind: 'ATS', code: '321', amount: 3_000_001 }] };
    expect(
      (await ctx.http().post('/api/v1/admin/measures').set(bearer(admin)).send(tooMuch).expect(400)).body.errors[0]
        .field,
    ).toBe('quotas');
    expect(await counts()).toEqual(before); // nothing registered
  });
});
