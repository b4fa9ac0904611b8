/**
 * Graduatoria: N cases (default 100,000) of one graduatoria measure, all PROPOSED by an officer
 * with their eligibility snapshots, ranked and published by a MANAGER through the real API
 * process (`POST /api/v1/measures/:code/rankings`, NODE_ENV=production). Reports the time and
 * the API's peak RSS (VmHWM, reset just before), checks the invariants against the database,
 * and in the same run measures a baseline: the same ordering done by PostgreSQL alone.
 *
 *   npm run bench:ranking -- [--applications 100000] [--keep]
 *
 * The last line printed is one JSON object with every figure.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { allocateRanking } from '../../src/modules/applications/domain/ranking-allocation.js';
import { hashPassword } from '../../src/modules/users/password.js';
import { cleanupScratch, postJson, scratchNames, waitFor } from '../support/scratch.js';
import { i18n, rankedGrant } from '../../test/support/measure-fixtures.js';

const { values: args } = parseArgs({
  options: { applications: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } },
});
const N = Number(args.applications);
const CODE = 'GRADUATORIA-BENCH';
const AMOUNT = 30_000; // 300 EUR per grant
const BUDGET = Math.floor(N * 0.3) * AMOUNT; // funds about 30 % of the cases
const { adminUrl: ADMIN_URL, dbName, dbUrl, prefix } = scratchNames('ranking');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const definition = rankedGrant(CODE, {
  budget: { kind: 'money', totalCents: BUDGET, figure: 'demo', note: i18n('Dotazione di prova.', 'Benchmark budget.') },
  eligibility: [
    {
      id: 'isee-threshold',
      kind: 'requirement',
      text: i18n('ISEE fino a 40.000 euro.', 'ISEE up to 40,000 EUR.'),
      expression: { '<=': [{ var: 'iseeValueCents' }, 4_000_000] },
    },
  ],
  sources: [{ title: 'Benchmark' }],
});

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

const memory = (pid: number) => {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
};

async function cleanup() {
  await cleanupScratch({
    children,
    redisUrl: REDIS_URL,
    prefix,
    adminUrl: ADMIN_URL,
    dbName,
    keep: Boolean(args.keep),
  });
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, [resolve(root, 'dist/src/cli/migrate.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const port = await freePort();
  const apiProcess = spawn(process.execPath, [resolve(root, 'dist/src/main.js')], {
    env: { ...process.env, ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(apiProcess);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/v1/health/ready`);

  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => undefined);
  await db.connect();
  const password = 'bench-password-123';
  const hash = await hashPassword(password);
  const ids = (
    await db.query(
      `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code) VALUES
       ('admin@bench.example', $1, '{ADMIN}', 'Bench', 'Admin', null, null),
       ('owner@bench.example', $1, '{APPLICANT}', 'Bench', 'Owner', '1980-01-01', 'BNCHWN80A01F205X'),
       ('officer@bench.example', $1, '{OPERATOR}', 'Bench', 'Officer', null, null),
       ('manager@bench.example', $1, '{MANAGER}', 'Bench', 'Manager', null, null)
     RETURNING id`,
      [hash],
    )
  ).rows.map((r: { id: string }) => r.id);
  const [, owner, officer, manager] = ids;
  await db.query(`INSERT INTO user_scopes (user_id, ats_code) VALUES ($1, '321'), ($2, '321')`, [officer, manager]);

  // Quotas: the two Ambiti with most municipalities in the reference data, and ATS Bergamo.
  const ambiti = (
    await db.query(
      `SELECT ambito_code AS code FROM municipalities WHERE ambito_code IS NOT NULL GROUP BY ambito_code ORDER BY count(*) DESC, ambito_code LIMIT 2`,
    )
  ).rows.map((r: { code: string }) => r.code);
  const quotas = [
    { kind: 'AMBITO', code: ambiti[0], amount: Math.floor((BUDGET * 0.05) / AMOUNT) * AMOUNT },
    { kind: 'AMBITO', code: ambiti[1], amount: Math.floor((BUDGET * 0.05) / AMOUNT) * AMOUNT },
    { kind: 'ATS', code: '325', amount: Math.floor((BUDGET * 0.1) / AMOUNT) * AMOUNT },
  ];
  const adminToken = String(
    (await postJson(base, '/api/v1/auth/login', null, { email: 'admin@bench.example', password }, 200)).accessToken,
  );
  await postJson(
    base,
    '/api/v1/admin/measures',
    adminToken,
    {
      definition,
      window: { opensAt: '2026-01-05T09:00:00+01:00', closesAt: '2026-03-10T12:00:00+01:00' }, // already closed
      managingBody: { kind: 'ATS', code: '321' },
      territorialScope: { atsCodes: [], ambitoCodes: [] },
      quotas,
    },
    201,
  );
  await postJson(
    base,
    `/api/v1/admin/measures/${CODE}/versions/1/publish`,
    adminToken,
    { validFrom: '2026-01-01T00:00:00Z' },
    200,
  );

  say(`seeding ${N} proposed cases with their eligibility snapshots...`);
  const t0 = performance.now();
  const [version] = (
    await db.query(
      `SELECT v.id, v.measure_id, v.content_hash FROM measure_versions v JOIN measures m ON m.id = v.measure_id WHERE m.code = $1`,
      [CODE],
    )
  ).rows as {
    id: string;
    measure_id: string;
    content_hash: string;
  }[];
  const generated = (
    await db.query(
      `SELECT is_generated = 'ALWAYS' AS g FROM information_schema.columns WHERE table_name = 'applications' AND column_name = 'protocol_number'`,
    )
  ).rows[0].g as boolean;
  // Residences: every Lombard municipality; a third of the cases in a municipality whose Ambito
  // is known (the reference data maps only some), a tenth in ATS Bergamo's. ISEE: 0–40,000 EUR, skewed low, in whole euros (ties are
  // frequent, so protocol order decides many places); 1 % of the proposals are rejections.
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `CREATE TEMP TABLE towns AS SELECT row_number() OVER (ORDER BY istat_code) AS n, istat_code, ats_code, ambito_code FROM municipalities`,
  );
  await db.query(
    `INSERT INTO applications (measure_id, measure_version_id, owner_id, owner_role, status, data, sealed, beneficiary_fiscal_code,
       residence_istat_code, ats_code, ambito_code, managing_kind, managing_code, procedure_type, protocol_year, protocol_seq, ${generated ? '' : 'protocol_number,'}
       received_at, received_date, deadline_days, proposed_by, amount_cents, proposal, created_at, updated_at)
     SELECT $1, $2, $3, 'APPLICANT', 'PROPOSED',
       jsonb_build_object('beneficiaryFiscalCode', s.cf, 'residenceIstatCode', t.istat_code, 'iseeType', 'ordinario', 'iseeValue', s.isee::text),
       false, s.cf, t.istat_code, t.ats_code, t.ambito_code, 'ATS', '321', 'graduatoria', 2026, g, ${generated ? '' : `'2026-' || lpad(g::text, 7, '0'),`}
       s.received, (s.received AT TIME ZONE 'Europe/Rome')::date, 30, $4, ${AMOUNT},
       jsonb_build_object('outcome', CASE WHEN g % 100 = 0 THEN 'reject' ELSE 'approve' END, 'reasons', CASE WHEN g % 100 = 0 THEN 'Requisiti non soddisfatti' ELSE 'Requisiti verificati' END, 'at', s.received + interval '10 days'),
       s.received, s.received + interval '10 days'
     FROM generate_series(1, $5::int) g,
       LATERAL (SELECT 'BNCH' || lpad(g::text, 12, '0') AS cf,
                       timestamptz '2026-01-05 08:00:00+00' + g * interval '30 seconds' AS received,
                       floor(power(random(), 1.7) * 40000)::int AS isee,
                       CASE WHEN g % 3 = 0 THEN 'ambito' WHEN g % 10 = 1 THEN 'bergamo' ELSE 'any' END AS area) s,
       LATERAL (SELECT istat_code, ats_code, ambito_code FROM towns
                 WHERE (s.area = 'ambito' AND ambito_code IS NOT NULL) OR (s.area = 'bergamo' AND ats_code = '325') OR s.area = 'any'
                 OFFSET (g * 7919) % (SELECT count(*) FROM towns WHERE (s.area = 'ambito' AND ambito_code IS NOT NULL) OR (s.area = 'bergamo' AND ats_code = '325') OR s.area = 'any')
                 LIMIT 1) t`,
    [version.measure_id, version.id, owner, officer, N],
  );
  await db.query(
    `INSERT INTO eligibility_decisions (application_id, evaluated_at, application_date, inputs, context, rule_version_hash, outcome, explanation, fact_issues, benefit)
     SELECT a.id, a.received_at, a.received_date, a.data, jsonb_build_object('residenceIstatCode', a.residence_istat_code, 'residence', NULL), $1, 'eligible',
       '[]', '[]', jsonb_build_object('amountCents', a.amount_cents)
     FROM applications a WHERE a.measure_version_id = $2`,
    [version.content_hash, version.id],
  );
  await db.query('ANALYZE applications; ANALYZE eligibility_decisions');
  const seedS = (performance.now() - t0) / 1000;
  say(`seeded in ${seedS.toFixed(1)} s`);

  const managerToken = String(
    (await postJson(base, '/api/v1/auth/login', null, { email: 'manager@bench.example', password }, 200)).accessToken,
  );
  writeFileSync(`/proc/${apiProcess.pid}/clear_refs`, '5');
  const before = memory(apiProcess.pid!);
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/measures/${CODE}/rankings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${managerToken}` },
  });
  const body = (await res.json()) as {
    id: string;
    population: number;
    funded: number;
    waitlisted: number;
    notAdmitted: number;
    available: number;
    entries: unknown[];
  };
  const rankingMs = performance.now() - started;
  const after = memory(apiProcess.pid!);
  if (res.status !== 201) throw new Error(`ranking answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  say(
    `ranking of ${body.population} cases published in ${(rankingMs / 1000).toFixed(2)} s (${body.funded} funded, ${body.waitlisted} waitlisted, ${body.notAdmitted} not admitted; ` +
      `response ${body.entries.length} entries); API RSS ${before.rssMiB.toFixed(1)} → peak ${after.hwmMiB.toFixed(1)} MiB`,
  );

  // Baseline: the same ordering by PostgreSQL alone, into a temp table.
  const b0 = performance.now();
  await db.query(
    `CREATE TEMP TABLE baseline_order AS
     SELECT a.id, row_number() OVER (ORDER BY (e.inputs->>'iseeValue')::numeric, a.protocol_year, a.protocol_seq)::int AS position
       FROM applications a JOIN eligibility_decisions e ON e.application_id = a.id
      WHERE a.measure_id = $1 AND a.proposal->>'outcome' = 'approve'`,
    [version.measure_id],
  );
  const baselineMs = performance.now() - b0;
  say(`baseline (ORDER BY iseevalue, protocol into a temp table, PostgreSQL alone): ${baselineMs.toFixed(0)} ms`);

  // Invariants, from the database.
  const entries = (
    await db.query(
      `SELECT e.application_id, e.position, e.status, e.amount::bigint AS amount, e.quota, (e.sort_keys->>'iseeValueCents')::bigint AS isee,
            a.protocol_seq::bigint AS seq, a.ats_code, a.ambito_code, a.status AS case_status, a.funding, a.queue_position, a.reserved_amount::bigint AS reserved
       FROM ranking_entries e JOIN applications a ON a.id = e.application_id WHERE e.ranking_id = $1 ORDER BY e.position NULLS LAST, a.protocol_seq`,
      [body.id],
    )
  ).rows as {
    application_id: string;
    position: number | null;
    status: string;
    amount: string;
    quota: string | null;
    isee: string;
    seq: string;
    ats_code: string;
    ambito_code: string | null;
    case_status: string;
    funding: string;
    queue_position: number | null;
    reserved: string;
  }[];
  const ranked = entries.filter((e) => e.position !== null);
  const notAdmitted = entries.filter((e) => e.position === null);
  const positionsContiguous = ranked.every((e, i) => e.position === i + 1) && entries.length === N;
  const orderIseeThenProtocol = ranked.every(
    (e, i) =>
      i === 0 ||
      Number(e.isee) > Number(ranked[i - 1].isee) ||
      (e.isee === ranked[i - 1].isee && Number(e.seq) > Number(ranked[i - 1].seq)),
  );
  const baselineRows = (await db.query(`SELECT id, position FROM baseline_order`)).rows as {
    id: string;
    position: number;
  }[];
  const basePos = new Map(baselineRows.map((r) => [r.id, r.position]));
  const sameOrderAsBaseline =
    baselineRows.length === ranked.length && ranked.every((e) => basePos.get(e.application_id) === e.position);
  const funded = ranked.filter((e) => e.status === 'funded');
  const fundedTotal = funded.reduce((s, e) => s + Number(e.amount), 0);
  const [account] = (
    await db.query(`SELECT total::bigint, reserved::bigint FROM budget_accounts WHERE measure_id = $1`, [
      version.measure_id,
    ])
  ).rows as { total: string; reserved: string }[];
  const withinBudget = fundedTotal <= BUDGET && Number(account.reserved) === fundedTotal && body.available === BUDGET;
  const perQuota = new Map<string, number>();
  for (const e of funded) if (e.quota) perQuota.set(e.quota, (perQuota.get(e.quota) ?? 0) + Number(e.amount));
  const quotasRespected =
    quotas.every((q) => (perQuota.get(`${q.kind}:${q.code}`) ?? 0) <= q.amount) &&
    funded.every((e) => !e.quota || e.quota === `AMBITO:${e.ambito_code}` || e.quota === `ATS:${e.ats_code}`);
  // The allocation rule itself, replayed from the published order.
  const replay = allocateRanking(
    ranked.map((e) => ({
      id: e.application_id,
      amount: Number(e.amount),
      atsCode: e.ats_code,
      ambitoCode: e.ambito_code,
    })),
    BUDGET,
    quotas as never,
  );
  const allocationReplays = replay.every((a, i) => a.status === ranked[i].status && a.quota === ranked[i].quota);
  const casesApplied = entries.every((e) =>
    e.status === 'funded'
      ? e.case_status === 'APPROVED' && e.funding === 'reserved' && Number(e.reserved) === Number(e.amount)
      : e.status === 'waitlisted'
        ? e.case_status === 'WAITLISTED' && e.funding === 'queued' && e.queue_position === e.position
        : e.case_status === 'REJECTED',
  );
  const [tr] = (
    await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT application_id)::int AS cases FROM application_transitions t JOIN applications a ON a.id = t.application_id
      WHERE a.measure_id = $1 AND t.event LIKE 'decide_%'`,
      [version.measure_id],
    )
  ).rows as { n: number; cases: number }[];
  const [mv] = (
    await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT application_id)::int AS cases, max(reserved_after)::bigint AS last FROM budget_movements WHERE kind = 'reserve'`,
    )
  ).rows as {
    n: number;
    cases: number;
    last: string;
  }[];
  const eachCaseOnce =
    tr.n === N &&
    tr.cases === N &&
    mv.n === funded.length &&
    mv.cases === funded.length &&
    Number(mv.last) === fundedTotal;
  let frozen = true;
  for (const sql of [
    `UPDATE ranking_entries SET status = 'funded' WHERE ranking_id = $1`,
    `DELETE FROM ranking_entries WHERE ranking_id = $1`,
    `UPDATE rankings SET funded = 0 WHERE id = $1`,
  ]) {
    frozen &&= await db.query(sql, [body.id]).then(
      () => false,
      (e: Error) => /immutable/.test(e.message),
    );
  }
  const again = await fetch(`${base}/api/v1/measures/${CODE}/rankings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${managerToken}` },
  });
  frozen &&= again.status === 409;
  await db.end();
  const invariants = {
    positionsContiguous,
    orderIseeThenProtocol,
    sameOrderAsBaseline,
    withinBudget,
    quotasRespected,
    allocationReplays,
    casesApplied,
    eachCaseOnce,
    frozen,
  };
  say(
    `invariants: ${Object.entries(invariants)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
  );
  say(
    `ranking / baseline: ${(rankingMs / baselineMs).toFixed(1)}×; target < 2 s: ${rankingMs < 2000 ? 'reached' : 'NOT reached'}`,
  );
  say(
    JSON.stringify({
      bench: 'ranking',
      applications: N,
      ranked: ranked.length,
      notAdmitted: notAdmitted.length,
      funded: funded.length,
      budget: BUDGET,
      quotas,
      seedS: Number(seedS.toFixed(1)),
      rankingMs: Math.round(rankingMs),
      apiRssBeforeMiB: Number(before.rssMiB.toFixed(1)),
      apiPeakRssMiB: Number(after.hwmMiB.toFixed(1)),
      baselineMs: Math.round(baselineMs),
      ratio: Number((rankingMs / baselineMs).toFixed(1)),
      targetReached: rankingMs < 2000,
      invariants,
    }),
  );
  process.exitCode = Object.values(invariants).every(Boolean) ? 0 : 1;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`ranking bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
