import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { mod26CheckCharacter } from '../../src/common/identifiers/check-character.js';
import { hashPassword } from '../../src/modules/users/password.js';
import { cleanupScratch, scratchNames, waitFor } from './scratch.js';

/**
 * The portal's benchmarks' shared setting: the built app (`dist/src/main.js`, production mode)
 * on a scratch database migrated with the reference data, applicants seeded with verified
 * addresses, and browser sessions opened through the login page as a person does.
 */

export const NIDI = 'NIDI-GRATIS-PLUS-2024-25';
export const NIDI_PATH = '/misure/nidi-gratis-plus-2024-25';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SURNAME = 'BCDFGHJKLMNPQRSTVWXZ';

/** A well-formed codice fiscale per n below 8,000 (distinct surname letters, check letter computed). */
export function benchFiscalCode(n: number, birth = 'MRA85T50B157'): string {
  const surname = [0, 1, 2].map((i) => SURNAME[Math.floor(n / SURNAME.length ** i) % SURNAME.length]).join('');
  const first15 = `${surname}${birth}`;
  return first15 + mod26CheckCharacter(first15);
}

export interface PortalApp {
  base: string;
  db: pg.Client;
  /** The API process (for the bench's own probes). */
  api: ChildProcess;
  cleanup(): Promise<void>;
}

/** A scratch database, migrated, and the API listening on a random loopback port. */
export async function startPortalApp(kind: string, keep: boolean, nodeArgs: string[] = []): Promise<PortalApp> {
  const { adminUrl, dbName, dbUrl, prefix } = scratchNames(kind);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const children: ChildProcess[] = [];
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  let db: pg.Client | null = null;
  const cleanup = async () => {
    await db?.end().catch(() => undefined);
    await cleanupScratch({ children, redisUrl, prefix, adminUrl, dbName, keep });
  };
  try {
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    execFileSync(process.execPath, [resolve(ROOT, 'dist/src/cli/migrate.js')], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const api = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'dist/src/main.js')], {
      env: { ...process.env, ...env, HTTP_PORT: port, LOGIN_MAX_FAILURES_PER_IP: '100000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/v1/health/ready`, 60_000);
    db = new pg.Client({ connectionString: dbUrl });
    db.on('error', () => undefined); // the scratch database is dropped at the end
    await db.connect();
    return { base, db, api, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export interface Applicant {
  id: string;
  email: string;
  password: string;
}

/** Applicants resident in Milano with verified addresses and final passwords (SQL, like seedAccount). */
export async function seedApplicants(db: pg.Client, count: number): Promise<Applicant[]> {
  const password = 'bench-password-123';
  const rows = (
    await db.query(
      `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code,
                          residence_municipality_code, email_verified_at)
       SELECT 'applicant-' || i || '@bench.example', $1, '{APPLICANT}', 'Bench', 'Applicant', '1985-12-10',
              ($3::text[])[i], '015146', now()
         FROM generate_series(1, $2) AS i
       RETURNING id, email`,
      [await hashPassword(password), count, Array.from({ length: count }, (_, i) => benchFiscalCode(i))],
    )
  ).rows as { id: string; email: string }[];
  return rows.map((r) => ({ ...r, password }));
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sportello_session='))
    ?.split(';')[0];

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A browser session: the cookie and its CSRF token, after the login page's form. */
export interface WebSession {
  cookie: string;
  csrf: string;
}

/** Posts a form as a browser does (urlencoded, the session's cookie, no redirect followed). */
export async function postForm(base: string, s: WebSession, path: string, form: Record<string, string>) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
  });
}

export async function getPage(base: string, s: WebSession | null, path: string) {
  return fetch(`${base}${path}`, { redirect: 'manual', headers: s ? { cookie: s.cookie } : {} });
}

/** GET /accedi for the anonymous session and its CSRF token, then POST the form. */
export async function webLogin(base: string, a: Applicant): Promise<WebSession> {
  const page = await fetch(`${base}/accedi`);
  const anon = { cookie: cookieOf(page)!, csrf: csrfOf(await page.text()) };
  const res = await postForm(base, anon, '/accedi', { email: a.email, password: a.password });
  const cookie = cookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`login of ${a.email}: ${res.status}`);
  // The session's CSRF token, as its next page's forms carry it.
  const next = await getPage(base, { cookie, csrf: '' }, NIDI_PATH);
  return { cookie, csrf: csrfOf(await next.text()) };
}

/** The data step of a Nidi Gratis Plus form as a browser posts it (the reference sample's answers). */
export function nidiDataForm(months: number): Record<string, string> {
  return {
    childBirthDate: '2024-05-10',
    hasSiblingUnder10: 'true',
    nurseryCode: 'NIDO-MI-0042',
    childEnrolledInAdmittedNursery: 'true',
    iseeType: 'minorenni',
    iseeValue: '22.000,00',
    iseeProtocol: 'INPS-ISEE-2024-123456789-00',
    iseeHasOmissionsOrDiscrepancies: 'false',
    monthlyFeeCents: '450,00',
    months: String(months),
    _go: 'stay',
  };
}

/**
 * A Nidi Gratis Plus draft through the portal's own steps: consent (creates the draft), who
 * applies and for whom (a distinct child), the measure's data. Its id and version.
 */
export async function nidiDraft(base: string, s: WebSession, child: string): Promise<{ id: string; version: number }> {
  const consent = await postForm(base, s, `${NIDI_PATH}/domanda`, { consent: 'true' });
  const id = /\/domande\/([0-9a-f-]{36})\/chi/.exec(consent.headers.get('location') ?? '')?.[1];
  if (consent.status !== 303 || !id) throw new Error(`consent: ${consent.status}`);
  const versionOf = async (path: string) =>
    Number(/name="_version" value="(\d+)"/.exec(await (await getPage(base, s, path)).text())?.[1]);
  const who = await postForm(base, s, `/domande/${id}/chi`, {
    _version: String(await versionOf(`/domande/${id}/chi`)),
    applicantRelationship: 'parent',
    childFiscalCode: child,
    _go: 'next',
  });
  if (who.status !== 303) throw new Error(`who step: ${who.status}`);
  const data = await postForm(base, s, `/domande/${id}`, {
    ...nidiDataForm(10),
    _version: String(await versionOf(`/domande/${id}`)),
  });
  if (data.status !== 303) throw new Error(`data step: ${data.status} ${(await data.text()).slice(0, 300)}`);
  return { id, version: await versionOf(`/domande/${id}`) };
}
