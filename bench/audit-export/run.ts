/**
 * CSV export of 100,000 decisions through the real API process, with its peak memory.
 *
 *   npm run bench:audit-export
 *   node dist/bench/audit-export/run.js [--rows 100000] [--api-heap-mb 64] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * 1. Creates a scratch database, applies the migrations (the real `migrate` command) and seeds
 *    --rows submitted applications with their eligibility snapshots (generate_series INSERTs).
 * 2. Starts the API (`node dist/src/main.js`) on a free port, logs in as an AUDITOR, resets the
 *    process's peak RSS (/proc/<pid>/clear_refs) and downloads GET /api/v1/auditor/decisions.csv
 *    over HTTP, counting lines; VmHWM (/proc/<pid>/status) after the export is the peak RSS.
 * 3. Baseline in the same run: `COPY (same rows, same order) TO STDOUT (FORMAT csv)` through
 *    psql, and a naive export (one SELECT of every row into memory, then CSV) in this process.
 * Prints the figures and, last, one JSON line. The scratch database is dropped and the API
 * killed at the end, on error and on SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassword } from '../../src/modules/users/password.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'admin-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    /** Cap the API's V8 old space (MiB): an export that accumulated rows would then fail. */
    'api-heap-mb': { type: 'string' },
    'redis-url': {
      type: 'string',
      default: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    },
  },
});
const ROWS = Number(args.rows);
const ADMIN_URL = args['admin-url'];
const DB = `sportello_bench_audit_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const root = fileURLToPath(new URL('../../..', import.meta.url));
let api: ChildProcess | null = null;

const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

async function cleanup() {
  if (api && api.exitCode === null) api.kill('SIGTERM');
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void cleanup().then(() => process.exit(130)));

const run = (cmd: string, argv: string[], env: Record<string, string>) =>
  new Promise<void>((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}`))));
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const status = (pid: number) => {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
  return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
};

async function seed(db: pg.Client) {
  const t0 = performance.now();
  const pw = await hashPassword('bench-password');
  const [owner, officer, manager, auditor] = (
    await db.query(
      `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code) VALUES
         ('owner@bench.invalid', $1, '{APPLICANT}', 'Bench', 'Owner', '1980-01-01', 'BNCHWN80A01F205X'),
         ('officer@bench.invalid', $1, '{OPERATOR}', 'Bench', 'Officer', null, null),
         ('manager@bench.invalid', $1, '{MANAGER}', 'Bench', 'Manager', null, null),
         ('auditor@bench.invalid', $1, '{AUDITOR}', 'Bench', 'Auditor', null, null)
       RETURNING id`,
      [pw],
    )
  ).rows.map((r: { id: string }) => r.id);
  const [version] = (
    await db.query(
      `SELECT v.id, v.measure_id, v.content_hash FROM measure_versions v JOIN measures m ON m.id = v.measure_id WHERE m.code = 'B1-FNA-2025' AND v.status = 'published' LIMIT 1`,
    )
  ).rows as { id: string; measure_id: string; content_hash: string }[];
  const generated = (
    await db.query(
      `SELECT is_generated = 'ALWAYS' AS g FROM information_schema.columns WHERE table_name = 'applications' AND column_name = 'protocol_number'`,
    )
  ).rows[0].g as boolean;
  await db.query(
    `INSERT INTO applications (measure_id, measure_version_id, owner_id, owner_role, status, data, sealed, beneficiary_fiscal_code,
       residence_istat_code, ats_code, ambito_code, managing_kind, procedure_type, protocol_year, protocol_seq, ${generated ? '' : 'protocol_number,'}
       received_at, received_date, deadline_days, proposed_by, decided_by, decided_at, amount_cents, proposal, decision)
     SELECT $1, $2, $3, 'APPLICANT', s.status, jsonb_build_object('beneficiaryFiscalCode', s.cf, 'iseeValue', '12000', 'iban', 'IT60X0542811101000000123456'),
       false, s.cf, '015146', '321', 'AMB-321-MILANO', 'REGION', 'a_sportello', 2026, g, ${generated ? '' : `'2026-' || lpad(g::text, 7, '0'),`}
       s.received, (s.received AT TIME ZONE 'Europe/Rome')::date, 30,
       CASE WHEN s.status <> 'SUBMITTED' THEN $4::uuid END, CASE WHEN s.status <> 'SUBMITTED' THEN $5::uuid END,
       CASE WHEN s.status <> 'SUBMITTED' THEN s.received + interval '12 days' END,
       (g % 50) * 10000,
       CASE WHEN s.status <> 'SUBMITTED' THEN jsonb_build_object('outcome', 'approve', 'reasons', 'Requisiti, verificati "ok"') END,
       CASE WHEN s.status <> 'SUBMITTED' THEN jsonb_build_object('outcome', s.status) END
     FROM generate_series(1, $6::int) g,
       LATERAL (SELECT 'BNCH' || lpad(g::text, 12, '0') AS cf,
                       timestamptz '2026-01-05 08:00:00+00' + g * interval '7 seconds' AS received,
                       (ARRAY['SUBMITTED', 'APPROVED', 'REJECTED', 'WAITLISTED'])[1 + g % 4] AS status) s`,
    [version.measure_id, version.id, owner, officer, manager, ROWS],
  );
  await db.query(
    `INSERT INTO eligibility_decisions (application_id, evaluated_at, application_date, inputs, context, rule_version_hash, outcome, explanation, fact_issues, benefit)
     SELECT a.id, a.received_at, a.received_date, a.data, '{"residenceIstatCode": "015146"}', $1, 'eligible',
       '[{"id": "isee", "kind": "requirement", "result": "pass", "inputs": {"iseeValueCents": 1200000}}]', '[]',
       jsonb_build_object('amountCents', a.amount_cents)
     FROM applications a WHERE a.measure_version_id = $2`,
    [version.content_hash, version.id],
  );
  await db.query('ANALYZE applications; ANALYZE eligibility_decisions');
  return { auditor, manager, seedMs: performance.now() - t0 };
}

const SAME_ROWS = `SELECT a.id, a.protocol_number, m.code, v.version, a.status, a.received_at, a.decided_at, e.outcome, e.rule_version_hash,
    a.amount_cents, a.ats_code, a.ambito_code, a.proposed_by, a.decided_by, a.beneficiary_fiscal_code
  FROM applications a JOIN eligibility_decisions e ON e.application_id = a.id JOIN measures m ON m.id = a.measure_id
  JOIN measure_versions v ON v.id = a.measure_version_id WHERE a.status <> 'DRAFT' ORDER BY a.received_at, a.id`;

function download(port: number, token: string, pid: number) {
  return new Promise<{ ms: number; bytes: number; lines: number; peakRssSampledKiB: number; firstByteMs: number }>(
    (resolve, reject) => {
      const t0 = performance.now();
      let bytes = 0;
      let lines = 0;
      let firstByteMs = -1;
      let peak = 0;
      const timer = setInterval(() => (peak = Math.max(peak, status(pid).rssKiB)), 20);
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: '/api/v1/auditor/decisions.csv',
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
            res.on('data', (chunk: Buffer) => {
              if (firstByteMs < 0) firstByteMs = performance.now() - t0;
              bytes += chunk.length;
              for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
            });
            res.on('end', () => {
              clearInterval(timer);
              resolve({ ms: performance.now() - t0, bytes, lines, peakRssSampledKiB: peak, firstByteMs });
            });
            res.on('error', reject);
          },
        )
        .on('error', reject);
    },
  );
}

function copyBaseline() {
  return new Promise<{ ms: number; bytes: number; lines: number }>((resolve, reject) => {
    const t0 = performance.now();
    let bytes = 0;
    let lines = 0;
    const p = spawn('psql', [dbUrl, '-X', '-q', '-c', `COPY (${SAME_ROWS}) TO STDOUT WITH (FORMAT csv, HEADER)`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    p.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    });
    p.on('exit', (code) =>
      code === 0 ? resolve({ ms: performance.now() - t0, bytes, lines }) : reject(new Error(`psql exited ${code}`)),
    );
  });
}

async function naiveBaseline(db: pg.Client) {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const { rows } = await db.query(SAME_ROWS);
  const csv = rows
    .map((r: Record<string, unknown>) =>
      Object.values(r)
        .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
        .join(','),
    )
    .join('\r\n');
  const ms = performance.now() - t0;
  return {
    ms,
    rows: rows.length,
    bytes: Buffer.byteLength(csv),
    rssGrowthMiB: (process.memoryUsage().rss - before) / 2 ** 20,
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The auditor's typical searches (first pages with the usual filters, and keyset paging), each
 * timed over HTTP; baseline: the plain first-page SQL through pg in the same run.
 */
async function typicalSearches(port: number, token: string, db: pg.Client, managerId: string) {
  const kinds: Record<string, string> = {
    byMeasure: 'measureCode=B1-FNA-2025',
    byPeriod: 'receivedFrom=2026-03-01T00:00:00Z&receivedTo=2026-03-08T00:00:00Z',
    byTerritoryAndStatus: 'atsCode=321&status=APPROVED',
    byAmountRange: 'minAmountCents=50000&maxAmountCents=60000',
    byOfficer: `decidedBy=${managerId}`,
    byOutcome: 'eligibility=eligible',
  };
  const get = async (query: string) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auditor/decisions?limit=50&${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { nextAfter?: string | null };
    if (!res.ok) throw new Error(`search ${query}: ${res.status}`);
    return { ms: performance.now() - t, nextAfter: body.nextAfter ?? null };
  };
  const all: number[] = [];
  const perKind: Record<string, number> = {};
  for (const [kind, query] of Object.entries(kinds)) {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) times.push((await get(query)).ms);
    // keyset paging: five further pages of the same search
    let after = (await get(query)).nextAfter;
    for (let page = 0; page < 5 && after; page++) {
      const r = await get(`${query}&after=${after}`);
      times.push(r.ms);
      after = r.nextAfter;
    }
    times.sort((a, b) => a - b);
    perKind[kind] = round(pct(times, 95));
    all.push(...times);
  }
  all.sort((a, b) => a - b);
  const sql: number[] = [];
  for (let i = 0; i < 40 * Object.keys(kinds).length; i++) {
    const t = performance.now();
    await db.query(`SELECT id FROM applications WHERE status <> 'DRAFT' ORDER BY received_at, id LIMIT 50`);
    sql.push(performance.now() - t);
  }
  sql.sort((a, b) => a - b);
  return {
    requests: all.length,
    kinds: Object.keys(kinds),
    p50Ms: round(pct(all, 50)),
    p95Ms: round(pct(all, 95)),
    p95ByKindMs: perKind,
    baselineSqlP95Ms: round(pct(sql, 95)),
  };
}

async function main() {
  await admin((c) => c.query(`CREATE DATABASE ${DB}`));
  const t0 = performance.now();
  await run('node', ['dist/src/cli/migrate.js'], {
    DATABASE_URL: dbUrl,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  });
  const migrateMs = performance.now() - t0;
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const { seedMs, manager: managerId } = await seed(db);
  process.stdout.write(
    `seeded ${ROWS} decisions in ${(seedMs / 1000).toFixed(1)} s (migrations ${(migrateMs / 1000).toFixed(1)} s)\n`,
  );

  const port = await freePort();
  const heap = args['api-heap-mb'] ? [`--max-old-space-size=${args['api-heap-mb']}`] : [];
  api = spawn('node', [...heap, 'dist/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL: args['redis-url'],
      REDIS_PREFIX: `bench-${DB}`,
      HTTP_PORT: String(port),
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = api.pid!;
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'auditor@bench.invalid', password: 'bench-password' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  // Warm-up on a small slice (JIT, pool), then reset the peak and measure the full export.
  await fetch(`http://127.0.0.1:${port}/api/v1/auditor/decisions?limit=500`, {
    headers: { authorization: `Bearer ${accessToken}` },
  }).then((r) => r.text());
  const searches = await typicalSearches(port, accessToken, db, managerId);
  const idle = status(pid);
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const exported = await download(port, accessToken, pid);
  const after = status(pid);
  if (exported.lines !== ROWS + 1) throw new Error(`expected ${ROWS + 1} lines, got ${exported.lines}`);
  const copy = await copyBaseline();
  if (copy.lines !== ROWS + 1) throw new Error(`COPY gave ${copy.lines} lines`);
  const naive = await naiveBaseline(db);
  await db.end();

  const mib = (k: number) => Math.round((k / 1024) * 10) / 10;
  const result = {
    bench: 'audit-export',
    rows: ROWS,
    apiHeapLimitMiB: args['api-heap-mb'] ? Number(args['api-heap-mb']) : null,
    api: {
      ms: Math.round(exported.ms),
      firstByteMs: Math.round(exported.firstByteMs),
      bytes: exported.bytes,
      rowsPerSecond: Math.round(ROWS / (exported.ms / 1000)),
      rssBeforeMiB: mib(idle.rssKiB),
      peakRssMiB: mib(after.hwmKiB),
      peakRssSampledMiB: mib(exported.peakRssSampledKiB),
      rssAfterMiB: mib(after.rssKiB),
    },
    baselineCopy: { ms: Math.round(copy.ms), bytes: copy.bytes },
    baselineNaiveSelectAll: { ms: Math.round(naive.ms), rssGrowthMiB: Math.round(naive.rssGrowthMiB * 10) / 10 },
    ratioToCopy: Math.round((exported.ms / copy.ms) * 100) / 100,
    searches,
  };
  process.stdout.write(
    [
      `API export (GET /api/v1/auditor/decisions.csv): ${ROWS} rows, ${(exported.bytes / 2 ** 20).toFixed(1)} MiB in ${(exported.ms / 1000).toFixed(2)} s (first byte ${exported.firstByteMs.toFixed(0)} ms)`,
      `API process RSS: ${result.api.rssBeforeMiB} MiB before, peak (VmHWM) ${result.api.peakRssMiB} MiB during the export, ${result.api.rssAfterMiB} MiB after`,
      `baseline COPY ... TO STDOUT (psql): ${(copy.ms / 1000).toFixed(2)} s, ${(copy.bytes / 2 ** 20).toFixed(1)} MiB — API/COPY ${result.ratioToCopy}×`,
      `auditor searches (GET /api/v1/auditor/decisions, ${searches.requests} requests over ${searches.kinds.length} kinds): p50 ${searches.p50Ms} ms, p95 ${searches.p95Ms} ms; baseline SQL first page p95 ${searches.baselineSqlP95Ms} ms`,
      `baseline naive SELECT of every row into memory: ${(naive.ms / 1000).toFixed(2)} s, RSS +${result.baselineNaiveSelectAll.rssGrowthMiB} MiB`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
}

try {
  await main();
} finally {
  await cleanup();
}
