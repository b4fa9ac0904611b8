import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { bearer, draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

/**
 * Sourced Ambiti: the Ambito-run B2 measure names the municipalities it covers, an applicant
 * outside them is told so before applying, and the Ambito map has a dated, audited history
 * that does not move the cases already submitted.
 */
const B2 = 'B2-FNA-2025-SEREGNO';
const SEREGNO = '108039';
const CERIANO_LAGHETTO = '108018';
const DESIO = '108023';
const BRESCIA = '017029';

let ctx: TestContext;
let admin: string;
let citizen: string;
let auditor: string;
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
  citizen = await tokenFor(ctx, await seedAccount(ctx.db, [Role.APPLICANT], { residence: BRESCIA }));
  auditor = await tokenFor(ctx, await seedAccount(ctx.db, [Role.AUDITOR]));
});
afterAll(() => ctx.close());

/** A signed-in OPERATOR of one Ambito; returns the bearer token. */
const ambitoOfficer = async (ambitoCode: string) =>
  tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { ambitoCodes: [ambitoCode] }));

const b2Form = (overrides: Record<string, unknown> = {}) => ({
  ...SAMPLE_APPLICATIONS[B2],
  applicantRole: 'family_member',
  beneficiaryFiscalCode: uniqueFiscalCode(),
  ...overrides,
});

describe('reference data with sources', () => {
  it('ships the ATS with their ministry codes and the Ambiti with source and period', async () => {
    const ats = (await ctx.http().get('/api/v1/territory/ats').expect(200)).body as {
      code: string;
      ministryCode: string;
    }[];
    expect(ats.map((a) => a.ministryCode)).toEqual([
      '030321',
      '030322',
      '030323',
      '030324',
      '030325',
      '030326',
      '030327',
      '030328',
    ]);
    const ambiti = (await ctx.http().get('/api/v1/territory/ambiti?atsCode=324').expect(200)).body as {
      code: string;
      sourceIds: string[];
      period: string | null;
    }[];
    const seregno = ambiti.find((a) => a.code === 'AMB-324-SEREGNO')!;
    expect(seregno.sourceIds).toEqual(expect.arrayContaining(['seregno-b2-fna-2025', 'mbnews-seregno-2014']));
    const [source] = await ctx.db.query(
      `SELECT url, as_of::text FROM territory_sources WHERE id = 'seregno-b2-fna-2025'`,
    );
    expect(source).toEqual({ url: 'https://www.servizisocialinrete.it/news.php?id=647', as_of: '2025-04-03' });
    const [{ count }] = await ctx.db.query(
      `SELECT count(*)::int AS count FROM municipalities WHERE ambito_code IS NOT NULL`,
    );
    expect(count).toBe(257);
  });

  it('keeps the history of a municipality the newest source leaves out, with no Ambito today', async () => {
    expect(
      (await ctx.http().get(`/api/v1/territory/municipalities/${CERIANO_LAGHETTO}`).expect(200)).body.ambitoCode,
    ).toBeNull();
    const history = (await ctx.http().get(`/api/v1/territory/municipalities/${CERIANO_LAGHETTO}/history`).expect(200))
      .body;
    expect(
      history.map((p: { ambitoCode: string | null; validFrom: string; validTo: string | null; changeKind: string }) => [
        p.ambitoCode,
        p.validFrom,
        p.validTo,
        p.changeKind,
      ]),
    ).toEqual([
      ['AMB-324-SEREGNO', '2012-09-06', '2020-02-11', 'reference'],
      [null, '2020-02-11', null, 'reference'],
    ]);
  });
});

describe('an Ambito-run measure and the area it covers', () => {
  it('the public read names the municipalities of its Ambito; a region-wide measure has no coverage', async () => {
    const b2 = (await ctx.http().get(`/api/v1/measures/${B2}`).expect(200)).body;
    expect(b2.coverage.ats).toEqual([]);
    expect(b2.coverage.ambiti).toHaveLength(1);
    const [ambito] = b2.coverage.ambiti;
    expect(ambito).toMatchObject({ code: 'AMB-324-SEREGNO', atsCode: '324', membersComplete: false });
    expect(ambito.municipalities.map((m: { istatCode: string }) => m.istatCode).sort()).toEqual([
      '108005',
      '108020',
      '108024',
      '108025',
      '108030',
      '108032',
      '108039',
      '108040',
      '108054',
    ]);
    expect((await ctx.http().get(`/api/v1/measures/${B2}/versions/1`).expect(200)).body.coverage.ambiti[0].code).toBe(
      'AMB-324-SEREGNO',
    );
    expect((await ctx.http().get('/api/v1/measures/B1-FNA-2025').expect(200)).body.coverage).toBeNull();
  });

  it('a resident of the Ambito is eligible in the dry run, which shows the coverage', async () => {
    const res = await ctx
      .http()
      .post(`/api/v1/measures/${B2}/versions/1/dry-run`)
      .set(bearer(auditor))
      .send({ facts: b2Form(), applicationDate: '2025-04-10' })
      .expect(200);
    expect(res.body.outcome).toBe('eligible');
    expect(res.body.coverage.ambiti[0].code).toBe('AMB-324-SEREGNO');
  });

  it('an applicant outside it, or where no Ambito is known, is told so before applying: dry run, draft and submission', async () => {
    for (const residenceIstatCode of [DESIO, CERIANO_LAGHETTO, BRESCIA]) {
      const dry = await ctx
        .http()
        .post(`/api/v1/measures/${B2}/versions/1/dry-run`)
        .set(bearer(auditor))
        .send({ facts: b2Form({ residenceIstatCode }) })
        .expect(422);
      expect(dry.body).toMatchObject({
        code: 'MEASURE_OUTSIDE_TERRITORY',
        errors: [{ field: 'data.residenceIstatCode' }],
      });
      expect(dry.body.detail).toContain('Ambito distrettuale di Seregno');
      const draft = await ctx
        .http()
        .post('/api/v1/applications')
        .set(bearer(citizen))
        .send({ measureCode: B2, data: b2Form({ residenceIstatCode }) })
        .expect(422);
      expect(draft.body.code).toBe('MEASURE_OUTSIDE_TERRITORY');
      expect(draft.body.coverage.ambiti[0].municipalities.length).toBe(9);
    }
    const unknown = await ctx
      .http()
      .post('/api/v1/applications')
      .set(bearer(citizen))
      .send({ measureCode: B2, data: b2Form({ residenceIstatCode: CERIANO_LAGHETTO }) })
      .expect(422);
    expect(unknown.body.detailEn).toContain('the Ambito of this municipality is not known');

    // A draft moved outside the Ambito after creation is refused at submission, nothing registered.
    const draft = await ctx
      .http()
      .post('/api/v1/applications')
      .set(bearer(citizen))
      .send({ measureCode: B2, data: b2Form() })
      .expect(201);
    const current = await ctx.http().get(`/api/v1/applications/${draft.body.id}`).set(bearer(citizen)).expect(200);
    await ctx
      .http()
      .put(`/api/v1/applications/${draft.body.id}/data`)
      .set(bearer(citizen))
      .send({ version: current.body.version, data: b2Form({ residenceIstatCode: DESIO }) })
      .expect(200);
    const submit = await ctx
      .http()
      .post(`/api/v1/applications/${draft.body.id}/submit`)
      .set(bearer(citizen))
      .expect(422);
    expect(submit.body.code).toBe('MEASURE_OUTSIDE_TERRITORY');
    const [row] = await ctx.db.query(`SELECT status, protocol_number FROM applications WHERE id = $1`, [draft.body.id]);
    expect(row).toEqual({ status: 'DRAFT', protocol_number: null });
  });

  it('a resident applies and the case reaches the Seregno officer, nobody else', async () => {
    const seregnoOfficer = await ambitoOfficer('AMB-324-SEREGNO');
    const desioOfficer = await ambitoOfficer('AMB-324-DESIO');
    const { id } = await draftAndSubmit(ctx, citizen, B2, b2Form());
    const [decision] = await ctx.db.query(`SELECT outcome FROM eligibility_decisions WHERE application_id = $1`, [id]);
    expect(decision.outcome).toBe('eligible');
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(seregnoOfficer)).expect(200);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(desioOfficer)).expect(404);
  });
});

describe('the Ambito map has a dated, audited history', () => {
  it('an ADMIN change of one municipality closes its period today and opens a new one, audited', async () => {
    await ctx
      .http()
      .put(`/api/v1/territory/municipalities/${CERIANO_LAGHETTO}/ambito`)
      .set(bearer(admin))
      .send({ ambitoCode: 'AMB-324-SEREGNO' })
      .expect(200);
    const history = (await ctx.http().get(`/api/v1/territory/municipalities/${CERIANO_LAGHETTO}/history`).expect(200))
      .body;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(ctx.clock.now());
    expect(
      history
        .slice(-2)
        .map((p: { ambitoCode: string | null; validFrom: string; validTo: string | null; changeKind: string }) => [
          p.ambitoCode,
          p.validFrom,
          p.validTo,
          p.changeKind,
        ]),
    ).toEqual([
      [null, '2020-02-11', today, 'reference'],
      ['AMB-324-SEREGNO', today, null, 'admin'],
    ]);
    const [entry] = await ctx.db.query(
      `SELECT change FROM audit_log WHERE action = 'territory.ambito_map_loaded' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry.change).toMatchObject({
      via: 'api',
      validFrom: today,
      changed: [{ istatCode: CERIANO_LAGHETTO, before: null, after: 'AMB-324-SEREGNO' }],
    });
    expect((await ctx.http().get('/api/v1/audit/verify').set(bearer(auditor)).expect(200)).body.ok).toBe(true);
  });

  it('a CSV preview shows the changes and writes nothing; apply writes them all; a bad line refuses the whole file', async () => {
    const csv = `istatCode,ambitoCode\n${DESIO},AMB-324-DESIO\n108019,AMB-324-DESIO\n108027,AMB-324-SEREGNO\n`;
    const auditBefore = (await ctx.db.query(`SELECT count(*)::int AS count FROM audit_log`))[0].count;
    const preview = await ctx
      .http()
      .post('/api/v1/territory/ambito-map/csv')
      .set(bearer(admin))
      .send({ csv, apply: false })
      .expect(200);
    expect(preview.body).toEqual({
      applied: false,
      rows: 3,
      unchanged: 2,
      changes: [{ istatCode: '108027', name: 'Limbiate', before: 'AMB-324-DESIO', after: 'AMB-324-SEREGNO' }],
    });
    expect((await ctx.http().get('/api/v1/territory/municipalities/108027').expect(200)).body.ambitoCode).toBe(
      'AMB-324-DESIO',
    );
    expect((await ctx.db.query(`SELECT count(*)::int AS count FROM audit_log`))[0].count).toBe(auditBefore);

    const bad = await ctx
      .http()
      .post('/api/v1/territory/ambito-map/csv')
      .set(bearer(admin))
      .send({ csv: `${csv}017029,AMB-324-SEREGNO\n999999,AMB-324-DESIO\n`, apply: true })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'TERRITORY_AMBITO_CSV_INVALID' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['csv.line.5', 'csv.line.6']);
    expect((await ctx.http().get('/api/v1/territory/municipalities/108027').expect(200)).body.ambitoCode).toBe(
      'AMB-324-DESIO',
    );

    const applied = await ctx
      .http()
      .post('/api/v1/territory/ambito-map/csv')
      .set(bearer(admin))
      .send({ csv, apply: true })
      .expect(200);
    expect(applied.body).toMatchObject({ applied: true, changes: [{ istatCode: '108027' }] });
    expect((await ctx.http().get('/api/v1/territory/municipalities/108027').expect(200)).body.ambitoCode).toBe(
      'AMB-324-SEREGNO',
    );
    const history = (await ctx.http().get('/api/v1/territory/municipalities/108027/history').expect(200)).body;
    expect(history[history.length - 1]).toMatchObject({
      ambitoCode: 'AMB-324-SEREGNO',
      validTo: null,
      changeKind: 'admin_csv',
    });
    const [entry] = await ctx.db.query(
      `SELECT change FROM audit_log WHERE action = 'territory.ambito_map_loaded' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry.change).toMatchObject({
      via: 'csv',
      entries: 3,
      changed: [{ istatCode: '108027', before: 'AMB-324-DESIO', after: 'AMB-324-SEREGNO' }],
    });

    await ctx
      .http()
      .post('/api/v1/territory/ambito-map/csv')
      .set(bearer(citizen))
      .send({ csv, apply: false })
      .expect(403);
  });

  it('a case keeps the Ambito of its submission: staff scope follows the stored Ambito, not today’s map', async () => {
    const seregnoOfficer = await ambitoOfficer('AMB-324-SEREGNO');
    const desioOfficer = await ambitoOfficer('AMB-324-DESIO');
    // B1 is run by the Region: an Ambito officer sees the cases of the residents of the Ambito.
    const { id } = await draftAndSubmit(ctx, citizen, 'B1-FNA-2025', {
      ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
      residenceIstatCode: SEREGNO,
      beneficiaryFiscalCode: uniqueFiscalCode(),
    });
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(seregnoOfficer)).expect(200);
    await ctx
      .http()
      .put(`/api/v1/territory/municipalities/${SEREGNO}/ambito`)
      .set(bearer(admin))
      .send({ ambitoCode: 'AMB-324-DESIO' })
      .expect(200);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(seregnoOfficer)).expect(200);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(desioOfficer)).expect(404);
    const queue = (await ctx.http().get('/api/v1/cases').set(bearer(seregnoOfficer)).expect(200)).body;
    expect(JSON.stringify(queue)).toContain(id);
    const [row] = await ctx.db.query(`SELECT ambito_code FROM applications WHERE id = $1`, [id]);
    expect(row.ambito_code).toBe('AMB-324-SEREGNO');
    await ctx
      .http()
      .put(`/api/v1/territory/municipalities/${SEREGNO}/ambito`)
      .set(bearer(admin))
      .send({ ambitoCode: 'AMB-324-SEREGNO' })
      .expect(200);
  });
});
