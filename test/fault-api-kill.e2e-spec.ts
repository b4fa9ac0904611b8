import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { MILANO } from './support/case-fixtures.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { Processes } from './support/processes.js';
import { createTestEnvironment, seedAccount } from './support/test-app.js';

/**
 * Fault: the API process is SIGKILLed in the middle of a burst of submissions. Every submission
 * it acknowledged must be in the database, with the protocol number it was given; retrying the
 * others with their Idempotency-Key registers each exactly once; numbers stay gap-free.
 */
const MEASURE = 'NIDI-GRATIS-PLUS-2024-25';
const DRAFTS = 120;
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
let db: DataSource;
let api: ChildProcess | undefined;
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const secret = randomBytes(32).toString('hex');
const processes = new Processes();

const startApi = () =>
  processes.api(env, port, { JWT_ACCESS_SECRET: secret, APPLICATION_MAX_OPEN_DRAFTS: String(DRAFTS) });

async function post(path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

beforeAll(async () => {
  env = await createTestEnvironment();
  db = new DataSource(dataSourceOptions(env.config.DATABASE_URL, 2));
  await db.initialize();
});
afterAll(async () => {
  await processes.killAll();
  await db.destroy();
  await env.drop();
});

describe('SIGKILL of the API during a submission burst', () => {
  it('loses no acknowledged submission and registers none twice', async () => {
    api = await startApi();
    const accounts = await Promise.all(
      [1, 2, 3, 4].map(() => seedAccount(db, [Role.APPLICANT], { residence: MILANO })),
    );
    const tokens = await Promise.all(
      accounts.map(
        async (a) =>
          (
            (await (await post('/api/v1/auth/login', null, { email: a.email, password: a.password })).json()) as {
              accessToken: string;
            }
          ).accessToken,
      ),
    );
    const drafts: { id: string; token: string }[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const token = tokens[i % tokens.length];
      const res = await post('/api/v1/applications', token, {
        measureCode: MEASURE,
        data: { ...SAMPLE_APPLICATIONS[MEASURE], childFiscalCode: uniqueFiscalCode() },
      });
      expect(res.status).toBe(201);
      drafts.push({ id: ((await res.json()) as { id: string }).id, token });
    }

    const acknowledged = new Map<string, string>();
    const killed = new Promise<void>((resolve) => {
      const child = api!;
      child.once('exit', () => resolve());
      void Promise.all(
        drafts.map(async (d) => {
          try {
            const res = await post(`/api/v1/applications/${d.id}/submit`, d.token, undefined, {
              'idempotency-key': `fault-${d.id}`,
            });
            if (res.status === 201) {
              acknowledged.set(d.id, ((await res.json()) as { protocolNumber: string }).protocolNumber);
            }
            if (acknowledged.size >= 20 && child.exitCode === null) child.kill('SIGKILL');
          } catch {
            // the connection died with the process: not acknowledged
          }
        }),
      ).then(() => child.exitCode === null && child.kill('SIGKILL'));
    });
    await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(20);
    expect(acknowledged.size).toBeLessThan(DRAFTS); // the kill did land in the middle of the burst

    // Every acknowledged submission is there, with the number its receipt gave.
    const rows = (await db.query(
      `SELECT id, protocol_number, protocol_seq::int AS seq FROM applications WHERE status = 'SUBMITTED' ORDER BY protocol_seq`,
    )) as {
      id: string;
      protocol_number: string;
      seq: number;
    }[];
    const stored = new Map(rows.map((r) => [r.id, r.protocol_number]));
    for (const [id, protocol] of acknowledged) expect(stored.get(id)).toBe(protocol);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));

    // Retried with their keys, the rest register once; the acknowledged keep their receipt.
    api = await startApi();
    const retries = await Promise.all(
      drafts.map((d) =>
        post(`/api/v1/applications/${d.id}/submit`, d.token, undefined, { 'idempotency-key': `fault-${d.id}` }),
      ),
    );
    expect(retries.map((r) => r.status)).toEqual(drafts.map(() => 201));
    const receipts = await Promise.all(
      retries.map(async (r) => (await r.json()) as { applicationId: string; protocolNumber: string }),
    );
    for (const r of receipts) {
      if (acknowledged.has(r.applicationId)) expect(r.protocolNumber).toBe(acknowledged.get(r.applicationId));
    }
    const after = (await db.query(
      `SELECT protocol_seq::int AS seq FROM applications WHERE status = 'SUBMITTED' ORDER BY protocol_seq`,
    )) as { seq: number }[];
    expect(after.map((r) => r.seq)).toEqual(Array.from({ length: DRAFTS }, (_, i) => i + 1));
    const [{ transitions }] = await db.query(
      `SELECT count(*)::int AS transitions FROM application_transitions WHERE event = 'submit'`,
    );
    expect(transitions).toBe(DRAFTS);
    api.kill('SIGTERM');
  }, 120_000);
});
