/**
 * Work queue: N open cases (default 100,000) in one officer's territory (ATS Brescia), plus
 * sealed cases and other territories' cases, seeded with INSERT … SELECT on a real database;
 * then the API (`GET /api/v1/cases`, `/cases/counts`, `POST /cases/search`) and the workbench
 * page (`/lavoro`, the same service) timed through the real API process (NODE_ENV=production)
 * for the first page, a filter, a deep page and the searches. Baseline in the same run: the
 * health endpoint (the HTTP stack alone) and the first page's query run by PostgreSQL alone.
 *
 *   npm run bench:workqueue -- [--cases 100000] [--runs 40] [--keep]
 *
 * The last line printed is one JSON object with every figure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { QUEUE_ORDER_KEY, COUNT_CAP } from '../../src/modules/applications/queue/work-queue.repository.js';
import { hashPassword } from '../../src/modules/users/password.js';
import { cleanupScratch, postJson, scratchNames, waitFor } from '../support/scratch.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.cases);
const RUNS = Number(args.runs);
const SEALED = Math.max(10, Math.floor(N / 200));
const ELSEWHERE = Math.floor(N / 5);
const { adminUrl: ADMIN_URL, dbName, dbUrl, prefix } = scratchNames('workqueue');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const password = 'bench-password-123';
const OPEN = `('SUBMITTED','IN_REVIEW','INTEGRATION_REQUESTED','PROPOSED','PRE_REJECTION_NOTICE')`;

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** p50/p95 of `runs` timed calls after a few warm-up ones. */
async function timed(name: string, call: () => Promise<void>) {
  for (let i = 0; i < 5; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await call();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const figure = { name, p50: +quantile(ms, 0.5).toFixed(1), p95: +quantile(ms, 0.95).toFixed(1) };
  say(`${name.padEnd(34)} p50 ${String(figure.p50).padStart(6)} ms   p95 ${String(figure.p95).padStart(6)} ms`);
  return figure;
}

function check(invariants: string[], ok: boolean, what: string) {
  if (!ok) throw new Error(`invariant broken: ${what}`);
  invariants.push(what);
}

async function seed(db: pg.Client) {
  const hash = await hashPassword(password);
  const [owner, officer, colleague, manager] = (
    await db.query(
      `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code) VALUES
       ('owner@bench.example', $1, '{APPLICANT}', 'Bench', 'Owner', '1980-01-01', 'BNCHWN80A01F205X'),
       ('officer@bench.example', $1, '{OPERATOR}', 'Bench', 'Officer', null, null),
       ('colleague@bench.example', $1, '{OPERATOR}', 'Bench', 'Colleague', null, null),
       ('manager@bench.example', $1, '{MANAGER}', 'Bench', 'Manager', null, null)
     RETURNING id`,
      [hash],
    )
  ).rows.map((r: { id: string }) => r.id);
  await db.query(`INSERT INTO user_scopes (user_id, ats_code) VALUES ($1, '326'), ($2, '326'), ($3, '326')`, [
    officer,
    colleague,
    manager,
  ]);
  const versions = (
    await db.query(
      `SELECT m.code, v.id, v.measure_id FROM measure_versions v JOIN measures m ON m.id = v.measure_id
        WHERE m.code IN ('NIDI-GRATIS-PLUS-2024-25', 'ORFANI-FEMMINICIDIO') AND v.status = 'published'`,
    )
  ).rows as { code: string; id: string; measure_id: string }[];
  const nidi = versions.find((v) => v.code === 'NIDI-GRATIS-PLUS-2024-25')!;
  const orphans = versions.find((v) => v.code === 'ORFANI-FEMMINICIDIO')!;
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `CREATE TEMP TABLE towns AS SELECT row_number() OVER (ORDER BY istat_code) AS n, istat_code, ats_code, ambito_code FROM municipalities`,
  );
  // Open cases in every state, received over the last 40 days (deadline 30 days): some overdue,
  // some due soon, some suspended, a quarter assigned to the officer or the colleague.
  const insert = (
    count: number,
    from: number,
    version: { id: string; measure_id: string },
    where: string,
    extra: { sealed: boolean; managing: string },
  ) =>
    db.query(
      `INSERT INTO applications (measure_id, measure_version_id, owner_id, owner_role, status, data, sealed, beneficiary_fiscal_code,
         residence_istat_code, ats_code, ambito_code, managing_kind, managing_code, procedure_type, protocol_year, protocol_seq,
         received_at, received_date, deadline_days, suspended_days, suspended_since, assigned_operator_id, created_at, updated_at)
       SELECT $1, $2, $3, 'APPLICANT', s.status, jsonb_build_object('childFiscalCode', s.cf), ${extra.sealed}, s.cf,
         t.istat_code, t.ats_code, t.ambito_code, ${extra.managing}, 'a_sportello', 2026, g,
         s.received, (s.received AT TIME ZONE 'Europe/Rome')::date, 30,
         CASE WHEN g % 17 = 0 THEN 5 ELSE 0 END,
         CASE WHEN s.status = 'INTEGRATION_REQUESTED' THEN (s.received AT TIME ZONE 'Europe/Rome')::date + 3 END,
         CASE WHEN s.status = 'SUBMITTED' THEN NULL WHEN g % 4 = 0 THEN $4::uuid WHEN g % 4 = 1 THEN $5::uuid END,
         s.received, s.received
       FROM generate_series($6::int, $6::int + $7::int - 1) g,
         LATERAL (SELECT 'BNCH' || lpad(g::text, 12, '0') AS cf,
                         now() - (g % 40) * interval '1 day' - (g % 1440) * interval '1 minute' AS received,
                         (ARRAY['SUBMITTED','SUBMITTED','IN_REVIEW','IN_REVIEW','IN_REVIEW','INTEGRATION_REQUESTED','PROPOSED','PRE_REJECTION_NOTICE','APPROVED','REJECTED'])[1 + g % 10] AS status) s,
         LATERAL (SELECT istat_code, ats_code, ambito_code FROM towns WHERE ${where}
                   OFFSET (g * 7919) % (SELECT count(*) FROM towns WHERE ${where}) LIMIT 1) t`,
      [version.measure_id, version.id, owner, officer, colleague, from, count],
    );
  const t0 = performance.now();
  await insert(N, 1, nidi, `ats_code = '326'`, { sealed: false, managing: `'REGION', NULL` });
  await insert(ELSEWHERE, N + 1, nidi, `ats_code <> '326'`, { sealed: false, managing: `'REGION', NULL` });
  await insert(SEALED, N + ELSEWHERE + 1, orphans, `true`, { sealed: true, managing: `'ATS', '326'` });
  await db.query(
    `INSERT INTO eligibility_decisions (application_id, evaluated_at, application_date, inputs, context, rule_version_hash, outcome, explanation, fact_issues)
     SELECT a.id, a.received_at, a.received_date, '{}', '{}', 'bench',
            (ARRAY['eligible','eligible','eligible','needs_review','not_eligible'])[1 + (a.protocol_seq % 5)::int], '[]', '[]'
       FROM applications a`,
  );
  // A few possible duplicates, as submission detects them.
  await db.query(
    `INSERT INTO application_duplicates (application_id, other_application_id, detected_at)
     SELECT a.id, b.id, now() FROM applications a JOIN applications b ON b.protocol_seq = a.protocol_seq + 1
      WHERE a.protocol_seq % 500 = 0 AND a.protocol_seq < $1`,
    [N],
  );
  for (const table of ['applications', 'eligibility_decisions', 'application_duplicates']) {
    await db.query(`VACUUM ANALYZE ${table}`);
  }
  say(`seeded ${N + ELSEWHERE + SEALED} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { officer, manager };
}

/** A workbench session through the login page, as a browser gets one. */
async function webSession(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/accedi`);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('sportello_session='))!
    .split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1];
  const res = await fetch(`${base}/accedi`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sportello_session='))!
    .split(';')[0];
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
  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => undefined);
  await db.connect();
  const { officer } = await seed(db);

  const port = await freePort();
  const api = spawn(process.execPath, [resolve(root, 'dist/src/main.js')], {
    env: { ...process.env, ...env, HTTP_PORT: String(port), PUBLIC_WEB_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(api);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/v1/health/ready`, 120_000);
  const token = String(
    (await postJson(base, '/api/v1/auth/login', null, { email: 'officer@bench.example', password }, 200)).accessToken,
  );
  const colleagueToken = String(
    (await postJson(base, '/api/v1/auth/login', null, { email: 'colleague@bench.example', password }, 200)).accessToken,
  );
  const cookie = await webSession(base, 'officer@bench.example');
  const getJson = async (path: string, bearer = token) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const getPage = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return html;
  };
  const search = async (fiscalCode: string, bearer = token) => {
    const res = await fetch(`${base}/api/v1/cases/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fiscalCode }),
    });
    return (await res.json()) as { protocolNumber: string; sealed: boolean }[];
  };

  // Invariants first, from the database.
  const invariants: string[] = [];
  const expected = (
    await db.query(
      `SELECT count(*) FILTER (WHERE NOT sealed OR assigned_operator_id = $1)::int AS officer,
              count(*) FILTER (WHERE NOT sealed)::int AS colleague
         FROM applications WHERE status IN ${OPEN}
          AND ((managing_kind = 'REGION' AND ats_code = '326') OR (managing_kind = 'ATS' AND managing_code = '326'))`,
      [officer],
    )
  ).rows[0] as { officer: number; colleague: number };
  const first = (await getJson('/api/v1/cases?limit=25')) as { total: number; totalExact: boolean };
  check(
    invariants,
    first.total === Math.min(expected.officer, COUNT_CAP) && first.totalExact === expected.officer <= COUNT_CAP,
    `list total = min(${expected.officer}, ${COUNT_CAP}), exact only below the cap`,
  );
  const view = (c: { views: { key: string; count: number; more: boolean }[] }, key: string) =>
    c.views.find((v) => v.key === key)!;
  const counts = (await getJson('/api/v1/cases/counts')) as Parameters<typeof view>[0];
  check(
    invariants,
    view(counts, 'open').count === Math.min(expected.officer, COUNT_CAP) &&
      view(counts, 'open').more === expected.officer > COUNT_CAP,
    `sidebar count "open" = min(${expected.officer}, ${COUNT_CAP}) + "more": the open cases of ATS 326 (sealed: the officer's own only)`,
  );
  // The sealed measure's count (below the cap): each officer counts only the sealed cases assigned to them.
  const sealedOpen = async (email: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM applications WHERE sealed AND status IN ${OPEN}
            AND assigned_operator_id = (SELECT id FROM users WHERE email = $1)`,
        [email],
      )
    ).rows[0].n as number;
  type Counts = Parameters<typeof view>[0] & { measures: { key: string; count: number }[] };
  const orphansCount = (c: Counts) => c.measures.find((m) => m.key === 'ORFANI-FEMMINICIDIO')?.count ?? 0;
  const colleagueCounts = (await getJson('/api/v1/cases/counts', colleagueToken)) as Counts;
  check(
    invariants,
    orphansCount(colleagueCounts) === (await sealedOpen('colleague@bench.example')) &&
      orphansCount(counts as Counts) === (await sealedOpen('officer@bench.example')),
    'sealed measure counted per officer: only the sealed cases assigned to each',
  );
  const sealedCf = (
    await db.query(
      `SELECT beneficiary_fiscal_code AS cf FROM applications WHERE sealed AND assigned_operator_id = $1 LIMIT 1`,
      [officer],
    )
  ).rows[0].cf as string;
  check(
    invariants,
    (await search(sealedCf, colleagueToken)).length === 0,
    "colleague's CF search misses the officer's sealed case",
  );
  check(invariants, (await search(sealedCf)).length === 1, "officer's CF search finds their sealed case");
  const deep = (await getJson('/api/v1/cases?limit=25&offset=10000')) as {
    items: { daysLeft: number; suspended: boolean }[];
  };
  check(
    invariants,
    deep.items.length === 25 &&
      deep.items.every(
        (x, i, all) => i === 0 || all[i - 1].suspended !== x.suspended || all[i - 1].daysLeft <= x.daysLeft,
      ),
    'deep page (offset 10,000): 25 rows in days-left order',
  );
  const html = await getPage('/lavoro');
  check(invariants, (html.match(/<tr data-case=/g) ?? []).length === 25, 'page /lavoro: 25 rows');

  say(`\n${N} open-ish cases in the officer's territory; ${RUNS} runs each (client-side wall time over loopback)`);
  const figures = [];
  figures.push(
    await timed('baseline: GET /health/live', async () => void (await fetch(`${base}/api/v1/health/live`)).text()),
  );
  figures.push(
    await timed('baseline: first page SQL alone', async () => {
      await db.query(
        `SELECT a.id FROM applications a WHERE a.status IN ${OPEN} AND a.ats_code = '326' AND NOT a.sealed
          ORDER BY ${QUEUE_ORDER_KEY}, a.protocol_year, a.protocol_seq LIMIT 25`,
      );
    }),
  );
  figures.push(await timed('API first page', async () => void (await getJson('/api/v1/cases?limit=25'))));
  figures.push(await timed('API counts', async () => void (await getJson('/api/v1/cases/counts'))));
  figures.push(
    await timed('API filter due_soon', async () => void (await getJson('/api/v1/cases?view=due_soon&limit=25'))),
  );
  figures.push(
    await timed(
      'API filter eligibility+state',
      async () => void (await getJson('/api/v1/cases?eligibility=needs_review&status=IN_REVIEW&limit=25')),
    ),
  );
  figures.push(
    await timed(
      'API deep page (offset 10000)',
      async () => void (await getJson('/api/v1/cases?limit=25&offset=10000')),
    ),
  );
  figures.push(
    await timed('API protocol search', async () => void (await getJson('/api/v1/cases?protocol=2026-0050&limit=25'))),
  );
  figures.push(await timed('API CF search (POST)', async () => void (await search('BNCH000000012345'))));
  figures.push(await timed('page /lavoro (list + counts)', async () => void (await getPage('/lavoro'))));
  figures.push(await timed('page filter mine', async () => void (await getPage('/lavoro?view=mine'))));
  figures.push(await timed('page deep (pagina 401)', async () => void (await getPage('/lavoro?pagina=401'))));
  say(JSON.stringify({ cases: N, elsewhere: ELSEWHERE, sealed: SEALED, runs: RUNS, figures, invariants }));
}

main()
  .then(cleanup, async (error: unknown) => {
    await cleanup();
    throw error;
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  });

function cleanup() {
  return cleanupScratch({
    children,
    redisUrl: REDIS_URL,
    prefix,
    adminUrl: ADMIN_URL,
    dbName,
    keep: Boolean(args.keep),
  });
}
