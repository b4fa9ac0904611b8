/**
 * Minimal Nest application used to compare the Fastify and Express HTTP adapters.
 *
 * It reproduces the "middle-weight" pipeline the real Sportello API will have:
 *  - a global ValidationPipe (whitelist, forbidNonWhitelisted, transform);
 *  - a global guard verifying an `Authorization: Bearer <payload>.<signature>` token
 *    signed with HMAC-SHA256 (node:crypto, constant-time comparison, expiry check);
 *  - three routes under /api/v1: GET /ping, POST /echo (6 validated fields echoed back),
 *    POST /insert (validated DTO, one INSERT through a `pg` Pool of 10 connections).
 *
 * Used in two ways:
 *  - imported: `createBenchApp(adapter, options)` returns a configured (not listening) app;
 *  - run as a child process by run.ts: `node app.js <fastify|express>` listens on
 *    127.0.0.1 on a random free port and reports `{ type: 'listening', port }` over IPC.
 *    It exits when the parent disconnects or on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  Post,
  UnauthorizedException,
  ValidationPipe,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IsBoolean, IsEmail, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import pg from 'pg';

export type AdapterName = 'fastify' | 'express';
export const ADAPTERS: readonly AdapterName[] = ['fastify', 'express'];

export const BENCH_TABLE = 'bench_http_adapter';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const PG_POOL = Symbol('PG_POOL');
const TOKEN_SECRET = Symbol('TOKEN_SECRET');

// ---------------------------------------------------------------------------
// Token: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part))
// ---------------------------------------------------------------------------

export interface TokenPayload {
  sub: string;
  /** expiry, seconds since epoch */
  exp: number;
}

export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${sig}`;
}

export function verifyToken(token: string, secret: string): TokenPayload | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    typeof (payload as TokenPayload).sub !== 'string' ||
    typeof (payload as TokenPayload).exp !== 'number' ||
    (payload as TokenPayload).exp * 1000 <= Date.now()
  ) {
    return null;
  }
  return payload as TokenPayload;
}

@Injectable()
class HmacBearerGuard implements CanActivate {
  constructor(@Inject(TOKEN_SECRET) private readonly secret: string) {}

  canActivate(context: ExecutionContext): boolean {
    // Both Express and Fastify requests expose Node's lower-cased `headers`.
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined>; user?: TokenPayload }>();
    const header = req.headers['authorization'];
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw new UnauthorizedException();
    }
    const payload = verifyToken(header.slice(7), this.secret);
    if (!payload) throw new UnauthorizedException();
    req.user = payload;
    return true;
  }
}

// ---------------------------------------------------------------------------
// DTO (six decorated fields, shaped like a benefit application)
// ---------------------------------------------------------------------------

export class BeneficiarioDto {
  @Matches(/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/)
  codiceFiscale: string;

  @IsString()
  @Length(1, 100)
  nome: string;

  @IsString()
  @Length(1, 100)
  cognome: string;

  @IsEmail()
  email: string;

  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1_000_000)
  iseeEuro: number;

  @IsBoolean()
  consensoPrivacy: boolean;
}

/** A body that passes validation (used by run.ts). */
export const SAMPLE_BODY: Readonly<BeneficiarioDto> = {
  codiceFiscale: 'RSSMRA80A01F205X',
  nome: 'Mario',
  cognome: 'Rossi',
  email: 'mario.rossi@example.org',
  iseeEuro: 12345.67,
  consensoPrivacy: true,
};

// ---------------------------------------------------------------------------
// Controller / module
// ---------------------------------------------------------------------------

@Controller()
class BenchController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Body() dto: BeneficiarioDto): BeneficiarioDto {
    return dto;
  }

  @Post('insert')
  async insert(@Body() dto: BeneficiarioDto): Promise<{ id: string }> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO ${BENCH_TABLE} (codice_fiscale, nome, cognome, email, isee_euro, consenso_privacy)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [dto.codiceFiscale, dto.nome, dto.cognome, dto.email, dto.iseeEuro, dto.consensoPrivacy],
    );
    return { id: rows[0].id };
  }
}

export interface BenchAppOptions {
  pool: pg.Pool;
  tokenSecret: string;
}

export async function createBenchApp(adapter: AdapterName, options: BenchAppOptions): Promise<INestApplication> {
  @Module({
    controllers: [BenchController],
    providers: [
      { provide: PG_POOL, useValue: options.pool },
      { provide: TOKEN_SECRET, useValue: options.tokenSecret },
      { provide: APP_GUARD, useClass: HmacBearerGuard },
    ],
  })
  class BenchModule {}

  const httpAdapter = adapter === 'fastify' ? new FastifyAdapter({ logger: false }) : new ExpressAdapter();
  const app = await NestFactory.create(BenchModule, httpAdapter, { logger: false, abortOnError: false });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  return app;
}

// ---------------------------------------------------------------------------
// Child-process entry point
// ---------------------------------------------------------------------------

async function serve(adapter: AdapterName): Promise<void> {
  const tokenSecret = process.env['BENCH_TOKEN_SECRET'];
  if (!tokenSecret) throw new Error('BENCH_TOKEN_SECRET is not set');
  const pool = new pg.Pool({
    connectionString: process.env['BENCH_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    max: 10,
    // lets run.ts find this server's PostgreSQL backends (pg_stat_activity) for CPU accounting
    application_name: `bench-http-adapter-${adapter}`,
  });
  const app = await createBenchApp(adapter, { pool, tokenSecret });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('unexpected server address');

  let closing = false;
  const shutdown = (code: number): void => {
    if (closing) return;
    closing = true;
    const hardExit = setTimeout(() => process.exit(code), 3000);
    hardExit.unref();
    void app
      .close()
      .then(() => pool.end())
      .catch(() => undefined)
      .finally(() => process.exit(code));
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));
  process.on('disconnect', () => shutdown(0)); // parent died or closed the IPC channel

  if (process.send) process.send({ type: 'listening', adapter, port: address.port, pid: process.pid });
  else console.log(`${adapter} listening on http://127.0.0.1:${address.port}/api/v1`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const adapter = process.argv[2] as AdapterName;
  if (!ADAPTERS.includes(adapter)) {
    console.error(`usage: node app.js <${ADAPTERS.join('|')}>`);
    process.exit(2);
  }
  serve(adapter).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
