import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { Clock, FixedClock } from '../../src/common/clock/clock.js';
import { createFastifyAdapter } from '../../src/common/http/configure-http.js';
import { configureApp } from '../../src/configure-app.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { hashPassword } from '../../src/modules/users/password.js';
import type { Role } from '../../src/common/access/role.js';
import { databaseUrl, TEMPLATE_DATABASE, TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL } from './env.js';
import { uniqueFiscalCode } from './fiscal-codes.js';
import { recordStatuses } from './status-recorder.js';

export interface TestContext {
  app: NestFastifyApplication;
  http: () => TestAgent;
  db: DataSource;
  clock: FixedClock;
  config: AppConfig;
  close: () => Promise<void>;
}

/** A private database cloned from the template, and its own Redis key prefix. */
export async function createTestEnvironment(overrides: Record<string, string> = {}) {
  const name = `sportello_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(name),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test-${name}`,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const drop = async () => {
    const client = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  };
  return { config, drop };
}

/**
 * The real API (Fastify, pipes, filters, guards) on a private database, driven over HTTP.
 * One per test file: passport keeps its strategies in a process-wide registry.
 */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestContext> {
  const { config, drop } = await createTestEnvironment(overrides);
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  configureApp(app, pino({ level: 'silent' }));
  const flushStatuses = recordStatuses(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    clock,
    config,
    close: async () => {
      await app.close();
      flushStatuses();
      await drop();
    },
  };
}

export interface Account {
  id: string;
  email: string;
  password: string;
  fiscalCode: string | null;
}

let seq = 0;

/**
 * Inserts an account directly (fixtures); the API under test is exercised separately. Seeded
 * accounts have a verified e-mail and a final password unless the options say otherwise.
 */
export async function seedAccount(
  db: DataSource,
  roles: Role[],
  options: {
    atsCodes?: string[];
    ambitoCodes?: string[];
    residence?: string;
    disabled?: boolean;
    emailUnverified?: boolean;
    passwordChangeRequired?: boolean;
  } = {},
): Promise<Account> {
  const email = `${roles[0].toLowerCase()}-${++seq}-${randomBytes(3).toString('hex')}@test.sportello`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const applicant = roles.includes('APPLICANT' as Role);
  const fiscalCode = applicant ? uniqueFiscalCode() : null;
  const [row] = await db.query(
    `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code, residence_municipality_code, disabled_at,
                        email_verified_at, password_change_required)
     VALUES ($1, $2, $3, 'Test', 'User', $4, $5, $6, $7, CASE WHEN $8 THEN NULL ELSE now() END, $9) RETURNING id`,
    [
      email,
      await hashPassword(password),
      roles,
      applicant ? '1985-12-10' : null,
      fiscalCode,
      options.residence ?? null,
      options.disabled ? new Date() : null,
      options.emailUnverified ?? false,
      options.passwordChangeRequired ?? false,
    ],
  );
  for (const ats of options.atsCodes ?? []) {
    await db.query(`INSERT INTO user_scopes (user_id, ats_code) VALUES ($1, $2)`, [row.id, ats]);
  }
  for (const amb of options.ambitoCodes ?? []) {
    await db.query(`INSERT INTO user_scopes (user_id, ambito_code) VALUES ($1, $2)`, [row.id, amb]);
  }
  return { id: row.id, email, password, fiscalCode };
}

export async function login(ctx: TestContext, account: { email: string; password: string }) {
  const res = await ctx
    .http()
    .post('/api/v1/auth/login')
    .send({ email: account.email, password: account.password })
    .expect(200);
  return res.body as {
    accessToken: string;
    refreshToken: string;
    passwordChangeRequired: boolean;
    emailVerified: boolean;
  };
}

export async function tokenFor(ctx: TestContext, account: { email: string; password: string }): Promise<string> {
  return (await login(ctx, account)).accessToken;
}
