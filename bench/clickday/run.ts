/**
 * Click day: N applicants' prepared drafts for one a-sportello measure whose budget funds a
 * tenth of them, submitted over HTTP at rising concurrency against the API in production mode
 * (with the worker running); then the invariants; then, in the same run, a baseline: a minimal
 * Node HTTP server doing one INSERT per request into the same PostgreSQL.
 *
 *   npm run bench:clickday -- [--applications 20000] [--stages 16,64,128] [--per-applicant 100] [--keep]
 *
 * Everything runs on loopback in a scratch database (dropped at the end unless --keep) and a
 * scratch Redis prefix. The last line printed is one JSON object with every figure.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../../src/modules/users/password.js';
import { cleanupScratch, postJson, scratchNames, waitFor } from '../support/scratch.js';

const { values: args } = parseArgs({
  options: {
    applications: { type: 'string', default: '20000' },
    stages: { type: 'string', default: '16,64,128' },
    'per-applicant': { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.applications);
const STAGES = args.stages.split(',').map(Number);
const PER_APPLICANT = Number(args['per-applicant']);
const AMOUNT = 100_000; // 1,000 EUR per grant
const FUNDED = Math.floor(N / 10);
const { adminUrl: ADMIN_URL, dbName, dbUrl, prefix } = scratchNames('clickday');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const i18n = (it: string, en: string) => ({ it, en });
const definition = {
  formatVersion: 1,
  code: 'CLICKDAY-BENCH',
  title: i18n('Contributo click day (benchmark)', 'Click-day grant (benchmark)'),
  description: i18n(
    'Contributo una tantum di 1.000 euro, a sportello.',
    'One-off 1,000 EUR grant, first come first served.',
  ),
  legalBasis: [{ citation: 'DGR XII/0000/2026 (benchmark)', title: i18n('Atto di prova', 'Test act') }],
  managingBody: i18n('Regione Lombardia', 'Lombardy Region'),
  procedure: { type: 'a_sportello', deadlineDays: 30 },
  budget: {
    kind: 'money',
    totalCents: FUNDED * AMOUNT,
    figure: 'demo',
    note: i18n('Dotazione di prova.', 'Benchmark budget.'),
  },
  eligibility: [
    {
      id: 'resident-in-lombardy',
      kind: 'requirement',
      text: i18n('Residenza in Lombardia.', 'Resident in Lombardy.'),
      expression: { '==': [{ var: 'residentInLombardy' }, true] },
    },
  ],
  benefit: { type: 'one_off', amount: { op: 'constant', cents: AMOUNT, label: i18n('importo fisso', 'fixed amount') } },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [],
  sealed: false,
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['beneficiaryFiscalCode', 'residenceIstatCode'],
    properties: {
      beneficiaryFiscalCode: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
      residenceIstatCode: { type: 'string', pattern: '^[0-9]{6}$' },
    },
  },
  sources: [{ title: 'Benchmark' }],
};

/** BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API process. */
function startNode(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, resolve(root, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

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

interface Draft {
  id: string;
  token: string;
}

interface StageResult {
  connections: number;
  submitted: number;
  durationS: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}

/** Sends `drafts.length` submissions with `connections` concurrent connections. */
async function stage(
  base: string,
  connections: number,
  drafts: Draft[],
  accepted: Map<string, string>,
): Promise<StageResult> {
  const queue = [...drafts];
  const times: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: base,
    connections,
    amount: drafts.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const d = queue.shift()!;
          context.id = d.id;
          return {
            ...req,
            path: `/api/v1/applications/${d.id}/submit`,
            headers: { authorization: `Bearer ${d.token}`, 'idempotency-key': `clickday-${d.id}` },
          };
        },
        onResponse: (status, body, context) => {
          if (status === 201) {
            accepted.set(String(context.id), String((JSON.parse(body) as { protocolNumber: string }).protocolNumber));
          } else errors++;
        },
      },
    ],
  });
  instance.on('response', (_c, _s, _b, ms) => times.push(ms));
  const result = await instance;
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return {
    connections,
    submitted: drafts.length,
    durationS: Number(durationS.toFixed(2)),
    perSecond: Math.round((result['2xx'] ?? 0) / durationS),
    p50Ms: Number(percentile(times, 50).toFixed(1)),
    p95Ms: Number(percentile(times, 95).toFixed(1)),
    p99Ms: Number(percentile(times, 99).toFixed(1)),
    errors: errors + result.errors + result.timeouts,
  };
}

async function baseline(connections: number, count: number) {
  const child = fork(resolve(root, 'dist/bench/clickday/baseline-server.js'), [], {
    env: { ...process.env, DATABASE_URL: dbUrl, POOL_SIZE: '10' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const port = await new Promise<number>((r) => child.once('message', (m: { port: number }) => r(m.port)));
  let i = 0;
  const times: number[] = [];
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount: count,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: `/draft-${i++}` }) }],
  });
  instance.on('response', (_c, _s, _b, ms) => times.push(ms));
  const result = await instance;
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  child.kill('SIGTERM');
  return {
    connections,
    requests: count,
    perSecond: Math.round((result['2xx'] ?? 0) / durationS),
    p99Ms: Number(percentile(times, 99).toFixed(1)),
    errors: result.non2xx + result.errors,
  };
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const secret = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_ACCESS_SECRET: secret,
    AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, [resolve(root, 'dist/src/cli/migrate.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });

  const port = String(20000 + Math.floor(Math.random() * 20000));
  startNode(
    'dist/src/main.js',
    { ...env, HTTP_PORT: port, LOGIN_MAX_FAILURES_PER_IP: '100000' },
    process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean),
  );
  startNode('dist/src/worker.js', env);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/v1/health/ready`);

  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => undefined); // the scratch database is dropped at the end
  await db.connect();
  const password = 'bench-password-123';
  const hash = await hashPassword(password);
  await db.query(
    `INSERT INTO users (email, password_hash, roles, first_name, last_name) VALUES ('admin@bench.example', $1, '{ADMIN}', 'Bench', 'Admin')`,
    [hash],
  );
  const adminToken = String(
    (await postJson(base, '/api/v1/auth/login', null, { email: 'admin@bench.example', password }, 200)).accessToken,
  );
  await postJson(
    base,
    '/api/v1/admin/measures',
    adminToken,
    {
      definition,
      window: { opensAt: '2020-01-01T00:00:00+01:00', closesAt: '2099-12-31T23:59:59+01:00' },
      managingBody: { kind: 'REGION', code: null },
      territorialScope: { atsCodes: [], ambitoCodes: [] },
      quotas: [],
    },
    201,
  );
  await postJson(
    base,
    '/api/v1/admin/measures/CLICKDAY-BENCH/versions/1/publish',
    adminToken,
    { validFrom: '2020-01-01T00:00:00Z' },
    200,
  );

  const applicants = Math.ceil(N / PER_APPLICANT);
  say(`seeding ${applicants} applicants and ${N} drafts...`);
  await db.query(
    `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code, residence_municipality_code)
     SELECT 'applicant-' || i || '@bench.example', $1, '{APPLICANT}', 'Bench', 'Applicant', '1980-01-01', 'BNCHAP' || lpad(i::text, 10, '0'), '015146'
       FROM generate_series(1, $2) AS i`,
    [hash, applicants],
  );
  await db.query(
    `INSERT INTO applications (measure_id, owner_id, owner_role, status, data, sealed, created_at, updated_at)
     SELECT m.id, u.id, 'APPLICANT', 'DRAFT',
            jsonb_build_object('beneficiaryFiscalCode', 'BNCHBN' || lpad(i::text, 10, '0'), 'residenceIstatCode', '015146'), false, now(), now()
       FROM generate_series(1, $1) AS i
       JOIN users u ON u.email = 'applicant-' || (1 + (i - 1) / $2) || '@bench.example'
       CROSS JOIN measures m WHERE m.code = 'CLICKDAY-BENCH'`,
    [N, PER_APPLICANT],
  );
  const tokens = new Map<string, string>();
  const owners = (await db.query(`SELECT id, email FROM users WHERE email LIKE 'applicant-%@bench.example'`)).rows as {
    id: string;
    email: string;
  }[];
  for (let i = 0; i < owners.length; i += 8) {
    await Promise.all(
      owners
        .slice(i, i + 8)
        .map(async (o) =>
          tokens.set(
            o.id,
            String((await postJson(base, '/api/v1/auth/login', null, { email: o.email, password }, 200)).accessToken),
          ),
        ),
    );
  }
  const drafts: Draft[] = (
    (await db.query(`SELECT id, owner_id FROM applications WHERE status = 'DRAFT' ORDER BY random()`)).rows as {
      id: string;
      owner_id: string;
    }[]
  ).map((r) => ({ id: r.id, token: tokens.get(r.owner_id)! }));

  const accepted = new Map<string, string>();
  const stages: StageResult[] = [];
  const slice = Math.floor(N / STAGES.length);
  for (const [i, c] of STAGES.entries()) {
    const part = drafts.slice(i * slice, i === STAGES.length - 1 ? N : (i + 1) * slice);
    const r = await stage(base, c, part, accepted);
    stages.push(r);
    say(
      `c=${String(c).padStart(4)}  ${r.submitted} submissions  ${r.perSecond}/s  p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  p99 ${r.p99Ms} ms  errors ${r.errors}`,
    );
  }

  // Invariants.
  const rows = (
    await db.query(
      `SELECT id, protocol_number, protocol_seq::bigint AS seq, received_at, funding FROM applications WHERE status <> 'DRAFT' ORDER BY protocol_seq`,
    )
  ).rows as { id: string; protocol_number: string; seq: string; received_at: Date; funding: string }[];
  const inDb = new Map(rows.map((r) => [r.id, r.protocol_number]));
  const everyAckInDbOnce =
    accepted.size === rows.length &&
    [...accepted].every(([id, p]) => inDb.get(id) === p) &&
    new Set(rows.map((r) => r.protocol_number)).size === rows.length;
  const seqs = rows.map((r) => Number(r.seq));
  const gapFree = seqs.every((s, i) => s === seqs[0] + i);
  const receiptOrder = rows.every((r, i) => i === 0 || r.received_at >= rows[i - 1].received_at);
  const reserved = rows.filter((r) => r.funding === 'reserved');
  const fundedInOrder =
    reserved.length === Math.min(FUNDED, rows.length) && reserved.every((r, i) => r.id === rows[i].id);
  const restQueued = rows.slice(reserved.length).every((r) => r.funding === 'queued');
  const outbox = await db.query(`SELECT to_regclass('notification_outbox') IS NOT NULL AS present`);
  let receiptsQueued: boolean | null = null;
  if (outbox.rows[0].present) {
    const [{ n }] = (
      await db.query(
        `SELECT count(DISTINCT application_id)::int AS n FROM notification_outbox WHERE application_id = ANY($1)`,
        [rows.map((r) => r.id)],
      )
    ).rows;
    receiptsQueued = n === rows.length;
  }
  await db.end();
  say(
    `invariants: every 2xx in the database once: ${everyAckInDbOnce}; protocol gap-free: ${gapFree}; receipt order: ${receiptOrder}; ` +
      `funded exactly ${FUNDED} in protocol order: ${fundedInOrder}; the rest queued: ${restQueued}; receipt notifications queued: ${receiptsQueued ?? 'n/a (no outbox)'}`,
  );

  const top = STAGES[STAGES.length - 1];
  const base1 = await baseline(top, Math.min(N, 20_000));
  const best = stages.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const ratio = Number((stages[stages.length - 1].perSecond / base1.perSecond).toFixed(3));
  say(
    `baseline (raw INSERT server) c=${top}: ${base1.perSecond}/s p99 ${base1.p99Ms} ms; API/baseline at c=${top}: ${ratio}`,
  );
  say(
    JSON.stringify({
      bench: 'clickday',
      applications: N,
      funded: FUNDED,
      stages,
      best,
      baseline: base1,
      ratioAtTopConcurrency: ratio,
      invariants: { everyAckInDbOnce, gapFree, receiptOrder, fundedInOrder, restQueued, receiptsQueued },
    }),
  );
  const ok = everyAckInDbOnce && gapFree && receiptOrder && fundedInOrder && restQueued && receiptsQueued !== false;
  process.exitCode = ok ? 0 : 1;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`clickday failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
