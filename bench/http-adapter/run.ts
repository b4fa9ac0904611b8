/**
 * Fastify vs Express (NestJS HTTP adapters) on this machine.
 *
 *   npm run bench:http-adapter
 *   node dist/bench/http-adapter/run.js [--duration 10] [--warmup 3] [--adapters fastify,express]
 *        [--max-foreign 0.25] [--attempts 3] [--wait-idle 120]
 *
 * The machine may be shared: before each measurement the script waits (up to --wait-idle s)
 * for the CPU to be quiet, and repeats (up to --attempts) a measurement during which other
 * processes used more than --max-foreign cores. See docs/http-adapter.md.
 *
 * Each adapter runs app.js in its own child process (127.0.0.1, random free port, IPC to
 * report the port). For every scenario and adapter: a warm-up of --warmup seconds, then an
 * autocannon measurement of --duration seconds. The two adapters are measured back to back
 * for each scenario (order reversed on every other scenario) so that slow drift on the
 * machine affects both alike. The PostgreSQL table used by /insert is created at start,
 * truncated before each /insert measurement and dropped at the end.
 *
 * Output: a human-readable table, the fastify/express ratios and, as the very last line,
 * one JSON object with all figures. Children are killed at the end, on error and on SIGINT/SIGTERM.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ADAPTERS, BENCH_TABLE, DEFAULT_DATABASE_URL, SAMPLE_BODY, signToken, type AdapterName } from './app.js';

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  body?: string;
  usesTable?: boolean;
}

interface Measurement {
  adapter: AdapterName;
  scenario: string;
  connections: number;
  rps: number;
  rpsStddev: number;
  latencyAvgMs: number;
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** CPU used during the measured window, in cores (Linux /proc; null elsewhere). */
  cpu: CpuSplit | null;
  /** 1 unless earlier attempts were disturbed by foreign load */
  attempt: number;
  /** foreign CPU load above --max-foreign during this (last) attempt */
  disturbed: boolean;
}

interface CpuSplit {
  /** whole machine */
  machine: number;
  /** the Nest server child */
  server: number;
  /** this process (autocannon) */
  loadgen: number;
  /** the server's PostgreSQL backends (found by application_name) */
  pg: number;
  /** everything else: PostgreSQL background writers, and any foreign load on the machine */
  other: number;
}

const { values: cli } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    adapters: { type: 'string', default: ADAPTERS.join(',') },
    // foreign CPU load (cores) above which a measurement is considered disturbed and repeated
    'max-foreign': { type: 'string', default: '0.25' },
    attempts: { type: 'string', default: '3' },
    'wait-idle': { type: 'string', default: '120' },
  },
});
const MAX_FOREIGN = Number(cli['max-foreign']);
const ATTEMPTS = Math.max(1, Number(cli.attempts));
const WAIT_IDLE_S = Number(cli['wait-idle']);
const DURATION_S = Number(cli.duration);
const WARMUP_S = Number(cli.warmup);
const adapters = cli.adapters.split(',').map((a) => a.trim()) as AdapterName[];
if (!(DURATION_S > 0) || !(WARMUP_S >= 0) || adapters.some((a) => !ADAPTERS.includes(a))) {
  console.error(
    'usage: run.js [--duration <s>] [--warmup <s>] [--adapters fastify,express] [--max-foreign <cores>] [--attempts <n>] [--wait-idle <s>]',
  );
  process.exit(2);
}

const DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
const TOKEN_SECRET = randomBytes(32).toString('hex');
const TOKEN = signToken({ sub: 'bench-operator', exp: Math.floor(Date.now() / 1000) + 3600 }, TOKEN_SECRET);
const BODY = JSON.stringify(SAMPLE_BODY);
const APP_JS = fileURLToPath(new URL('./app.js', import.meta.url));

const SCENARIOS: Scenario[] = [
  { name: 'GET /ping', method: 'GET', path: '/api/v1/ping', connections: 50 },
  { name: 'POST /echo', method: 'POST', path: '/api/v1/echo', connections: 50, body: BODY },
  { name: 'POST /insert', method: 'POST', path: '/api/v1/insert', connections: 50, body: BODY, usesTable: true },
  { name: 'POST /insert', method: 'POST', path: '/api/v1/insert', connections: 10, body: BODY, usesTable: true },
];

// ---------------------------------------------------------------------------
// Process / resource bookkeeping so that everything stops by itself
// ---------------------------------------------------------------------------

const children = new Set<ChildProcess>();
let currentCannon: { stop(): void } | null = null;
let admin: pg.Client | null = null;
let tableCreated = false;
let cleanedUp: Promise<void> | null = null;
let serverFailure: Error | null = null;

function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    currentCannon?.stop();
    await Promise.all([...children].map(killChild));
    if (admin) {
      try {
        if (tableCreated) await admin.query(`DROP TABLE IF EXISTS ${BENCH_TABLE}`);
      } catch (err) {
        console.error(`could not drop ${BENCH_TABLE}:`, err);
      }
      await admin.end().catch(() => undefined);
    }
  })();
  return cleanedUp;
}

// Last resort: never leave a server behind, whatever happens to this process.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`);
    const hard = setTimeout(() => process.exit(130), 10_000);
    hard.unref();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

// CPU accounting from /proc (Linux). Used to show which process is the bottleneck and to
// expose foreign load on the machine, which would distort the comparison.
const CLK_TCK = 100;
function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = f[3] + (f[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
function processTicks(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
  } catch {
    return null;
  }
}
function cpuProbe(serverPid: number | undefined, pgPids: number[]): () => CpuSplit | null {
  const sumTicks = (): number | null => {
    let sum = 0;
    for (const pid of pgPids) sum += processTicks(pid) ?? 0;
    return sum;
  };
  const t0 = process.hrtime.bigint();
  const m0 = machineTicks();
  const s0 = processTicks(serverPid);
  const p0 = sumTicks();
  const l0 = process.cpuUsage();
  return () => {
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    const m1 = machineTicks();
    const s1 = processTicks(serverPid);
    const p1 = sumTicks();
    const l = process.cpuUsage(l0);
    if (!m0 || !m1 || s0 === null || s1 === null || p0 === null || p1 === null || wallS <= 0) return null;
    const machine = ((m1.busy - m0.busy) / (m1.total - m0.total)) * availableParallelism();
    const server = (s1 - s0) / CLK_TCK / wallS;
    const pgCpu = (p1 - p0) / CLK_TCK / wallS;
    const loadgen = (l.user + l.system) / 1e6 / wallS;
    return {
      machine: round(machine),
      server: round(server),
      loadgen: round(loadgen),
      pg: round(pgCpu),
      other: round(Math.max(0, machine - server - loadgen - pgCpu)),
    };
  };
}

/** Cores busy on the whole machine over `ms` (null where /proc/stat is unavailable). */
async function machineBusy(ms: number): Promise<number | null> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  return a && b ? round(((b.busy - a.busy) / (b.total - a.total)) * availableParallelism()) : null;
}

/** Waits (up to WAIT_IDLE_S) until the machine is quiet, i.e. nobody else is using the CPU. */
async function waitIdle(): Promise<number | null> {
  const deadline = Date.now() + WAIT_IDLE_S * 1000;
  let busy = await machineBusy(500);
  let warned = false;
  while (busy !== null && busy > MAX_FOREIGN && Date.now() < deadline) {
    if (!warned) {
      process.stdout.write(
        `    (machine busy: ${busy} cores used by other processes; waiting up to ${WAIT_IDLE_S}s)\n`,
      );
    }
    warned = true;
    busy = await machineBusy(1000);
  }
  return busy;
}

function startServer(adapter: AdapterName): Promise<{ child: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(APP_JS, [adapter], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BENCH_TOKEN_SECRET: TOKEN_SECRET,
        BENCH_DATABASE_URL: DATABASE_URL,
      },
    });
    children.add(child);
    const timer = setTimeout(() => reject(new Error(`${adapter}: server did not start within 30 s`)), 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const error = new Error(`${adapter}: server exited (code ${code}, signal ${signal})`);
      if (!cleanedUp) serverFailure ??= error; // checked after every measurement
      reject(error); // no-op once listening
    });
    child.on('message', (msg: { type?: string; port?: number }) => {
      if (msg?.type === 'listening' && typeof msg.port === 'number') {
        clearTimeout(timer);
        resolve({ child, baseUrl: `http://127.0.0.1:${msg.port}` });
      }
    });
  });
}

async function expectStatus(
  adapter: AdapterName,
  url: string,
  init: RequestInit,
  status: number,
  check?: (json: unknown) => boolean,
): Promise<void> {
  const res = await fetch(url, init);
  const text = await res.text();
  const ok = res.status === status && (!check || check(JSON.parse(text)));
  if (!ok) {
    throw new Error(`${adapter}: ${init.method ?? 'GET'} ${url} -> ${res.status} ${text} (expected ${status})`);
  }
}

/** Make sure the pipeline really runs (auth, validation, DB) before measuring anything. */
async function sanityCheck(adapter: AdapterName, baseUrl: string): Promise<void> {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const api = `${baseUrl}/api/v1`;
  await expectStatus(adapter, `${api}/ping`, { method: 'GET' }, 401);
  await expectStatus(adapter, `${api}/ping`, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}x` } }, 401);
  await expectStatus(
    adapter,
    `${api}/ping`,
    { method: 'GET', headers: auth },
    200,
    (j) => (j as { pong?: boolean }).pong === true,
  );
  await expectStatus(
    adapter,
    `${api}/echo`,
    { method: 'POST', headers: json, body: BODY },
    200,
    (j) => JSON.stringify(j) === BODY,
  );
  await expectStatus(
    adapter,
    `${api}/echo`,
    { method: 'POST', headers: json, body: JSON.stringify({ ...SAMPLE_BODY, extra: 1 }) },
    400,
  );
  await expectStatus(
    adapter,
    `${api}/echo`,
    { method: 'POST', headers: json, body: JSON.stringify({ ...SAMPLE_BODY, email: 'nope' }) },
    400,
  );
  await expectStatus(adapter, `${api}/insert`, { method: 'POST', headers: json, body: BODY }, 201, (j) =>
    /^\d+$/.test(String((j as { id?: unknown }).id)),
  );
}

/**
 * Runs autocannon once. Latency percentiles are computed here from every response time
 * (float milliseconds from process.hrtime): autocannon's own histogram has a 1 ms resolution,
 * too coarse for a loopback benchmark where most requests take well under a millisecond.
 */
async function cannon(baseUrl: string, scenario: Scenario, duration: number) {
  const instance = autocannon({
    url: `${baseUrl}${scenario.path}`,
    method: scenario.method,
    connections: scenario.connections,
    pipelining: 1,
    duration,
    timeout: 10,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(scenario.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(scenario.body ? { body: scenario.body } : {}),
  });
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (n === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[n++] = ms;
  });
  currentCannon = instance;
  try {
    const result = await instance;
    const sorted = latencies.subarray(0, n).sort();
    const pct = (q: number): number =>
      n === 0 ? NaN : round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))], 3);
    return { result, latency: { p50: pct(0.5), p97_5: pct(0.975), p99: pct(0.99), max: pct(1), samples: n } };
  } finally {
    currentCannon = null;
  }
}

const label = (s: { name: string; connections: number }): string => `${s.name} c=${s.connections}`;

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const machine = {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadavgAtStart: loadavg().map((l) => round(l)),
  };
  const busyBefore = await machineBusy(1000);
  console.log(
    `machine: ${machine.nproc} cpu (${machine.cpu}), node ${machine.node}, ${machine.platform}; ` +
      `duration ${DURATION_S}s, warm-up ${WARMUP_S}s per scenario and adapter; ` +
      `load average ${machine.loadavgAtStart.join(' ')}, cores busy before start ${busyBefore ?? 'n/a'}`,
  );
  if (busyBefore !== null && busyBefore > MAX_FOREIGN) {
    console.log(`note: other processes are using ${busyBefore} cores; each measurement waits for a quiet machine`);
  }

  admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE TABLE IF NOT EXISTS ${BENCH_TABLE} (
    id bigserial PRIMARY KEY,
    codice_fiscale char(16) NOT NULL,
    nome varchar(100) NOT NULL,
    cognome varchar(100) NOT NULL,
    email varchar(254) NOT NULL,
    isee_euro numeric(12, 2) NOT NULL,
    consenso_privacy boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`);
  tableCreated = true;

  const servers = new Map<AdapterName, { baseUrl: string; pid: number | undefined }>();
  for (const adapter of adapters) {
    const { baseUrl, child } = await startServer(adapter);
    await sanityCheck(adapter, baseUrl);
    servers.set(adapter, { baseUrl, pid: child.pid });
    console.log(`${adapter}: ${baseUrl} (pid ${child.pid}), sanity checks passed`);
  }

  const results: Measurement[] = [];
  for (const [i, scenario] of SCENARIOS.entries()) {
    const order = i % 2 === 0 ? adapters : [...adapters].reverse();
    for (const adapter of order) {
      const { baseUrl, pid } = servers.get(adapter)!;
      let m: Measurement | null = null;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        await waitIdle();
        if (scenario.usesTable) await admin.query(`TRUNCATE ${BENCH_TABLE} RESTART IDENTITY`);
        if (WARMUP_S > 0) await cannon(baseUrl, scenario, WARMUP_S);
        const { rows } = await admin.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
          [`bench-http-adapter-${adapter}`],
        );
        const probe = cpuProbe(
          pid,
          rows.map((r) => r.pid),
        );
        const { result: r, latency } = await cannon(baseUrl, scenario, DURATION_S);
        const cpu = probe();
        if (serverFailure) throw serverFailure;
        m = {
          adapter,
          scenario: scenario.name,
          connections: scenario.connections,
          rps: round(r.requests.average, 1),
          rpsStddev: round(r.requests.stddev, 1),
          latencyAvgMs: round(r.latency.average, 3),
          p50Ms: latency.p50,
          p97_5Ms: latency.p97_5,
          p99Ms: latency.p99,
          maxMs: latency.max,
          requests: r.requests.total,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          cpu,
          attempt,
          disturbed: cpu !== null && cpu.other > MAX_FOREIGN,
        };
        console.log(
          `  ${label(scenario).padEnd(20)} ${adapter.padEnd(8)} ${String(m.rps).padStart(9)} req/s  ` +
            `p50 ${m.p50Ms.toFixed(2)} ms  p97.5 ${m.p97_5Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms  errors ${m.errors}  non2xx ${m.non2xx}` +
            (cpu ? `  cpu(cores) server ${cpu.server} loadgen ${cpu.loadgen} pg ${cpu.pg} other ${cpu.other}` : '') +
            (m.disturbed ? `  DISTURBED (other > ${MAX_FOREIGN})${attempt < ATTEMPTS ? ', repeating' : ''}` : ''),
        );
        if (!m.disturbed) break;
      }
      results.push(m!);
    }
  }

  // Table
  const header = ['scenario', 'adapter', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'errors', 'non-2xx', 'disturbed'];
  const rows = results.map((m) => [
    `${m.scenario} c=${m.connections}`,
    m.adapter,
    m.rps.toFixed(1),
    m.p50Ms.toFixed(2),
    m.p97_5Ms.toFixed(2),
    m.p99Ms.toFixed(2),
    String(m.errors),
    String(m.non2xx),
    m.disturbed ? `YES (${m.cpu?.other} cores)` : 'no',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]): string =>
    r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  console.log(`\n${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(fmt(r));

  // Ratios
  const ratios: Array<{ scenario: string; connections: number; rps: number; p50: number; p99: number }> = [];
  const find = (a: AdapterName, s: Scenario): Measurement | undefined =>
    results.find((m) => m.adapter === a && m.scenario === s.name && m.connections === s.connections);
  for (const s of SCENARIOS) {
    const f = find('fastify', s);
    const e = find('express', s);
    if (!f || !e) continue;
    ratios.push({
      scenario: s.name,
      connections: s.connections,
      rps: round(f.rps / e.rps, 3),
      p50: round(f.p50Ms / e.p50Ms, 3),
      p99: round(f.p99Ms / e.p99Ms, 3),
    });
  }
  if (ratios.length) {
    console.log('\nfastify / express (req/s > 1 and latency < 1 favour fastify)');
    for (const r of ratios) {
      console.log(
        `  ${label({ name: r.scenario, connections: r.connections }).padEnd(20)} req/s x${r.rps.toFixed(3)}  p50 x${r.p50.toFixed(3)}  p99 x${r.p99.toFixed(3)}`,
      );
    }
  }

  await cleanup();

  console.log(
    JSON.stringify({
      bench: 'http-adapter',
      date: new Date().toISOString(),
      machine: { ...machine, coresBusyBeforeStart: busyBefore, loadavgAtEnd: loadavg().map((l) => round(l)) },
      config: {
        durationS: DURATION_S,
        warmupS: WARMUP_S,
        pipelining: 1,
        pgPoolMax: 10,
        maxForeignCores: MAX_FOREIGN,
        attempts: ATTEMPTS,
      },
      results,
      ratios,
    }),
  );
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
