import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsJSON,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** Applies decorators in the order they would be written above a property (the last one first). */
const stacked =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };

/** An integer variable: its text converted, then checked against its bounds. */
const IntegerVariable = (min: number, max?: number) =>
  stacked(Transform(toInt), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** A boolean variable: true/1 or false/0. */
const BooleanVariable = () => stacked(Transform(toBool), IsBoolean());

/**
 * Every environment variable the processes read, typed and validated at boot.
 * Property names are the variable names, so a validation error names the variable.
 * .env.example documents each one.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HTTP_HOST = '127.0.0.1';

  @IntegerVariable(0, 65535)
  HTTP_PORT = 3000;

  @BooleanVariable()
  TRUST_PROXY = false;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @IntegerVariable(1, 200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespace of every Redis key (queues, throttling): lets several installs share one Redis. */
  @Matches(/^[a-zA-Z0-9:_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 characters of [a-zA-Z0-9:_-]' })
  REDIS_PREFIX = 'sportello';

  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters' })
  JWT_ACCESS_SECRET: string;

  @IntegerVariable(60, 3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @IntegerVariable(1, 90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  @IntegerVariable(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @IntegerVariable(1)
  LOGIN_MAX_FAILURES_PER_IP = 100;

  @IntegerVariable(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /**
   * A client IP past LOGIN_MAX_FAILURES_PER_IP is slowed, not locked out: each further attempt
   * waits this long per failure over the limit, up to LOGIN_IP_MAX_DELAY_MS, and at most
   * LOGIN_IP_SLOW_CONCURRENCY such attempts run at once (others get 429 with Retry-After).
   */
  @IntegerVariable(0)
  LOGIN_IP_DELAY_MS = 250;

  @IntegerVariable(0, 30_000)
  LOGIN_IP_MAX_DELAY_MS = 3000;

  @IntegerVariable(1)
  LOGIN_IP_SLOW_CONCURRENCY = 2;

  /** Self-registrations accepted per client IP in REGISTER_THROTTLE_WINDOW_SECONDS. */
  @IntegerVariable(1)
  REGISTER_MAX_PER_IP = 10;

  @IntegerVariable(1)
  REGISTER_THROTTLE_WINDOW_SECONDS = 3600;

  /** How long an e-mail verification link stays valid. */
  @IntegerVariable(1, 168)
  EMAIL_VERIFICATION_TTL_HOURS = 48;

  /** Base URL of the web front end: e-mailed links point there. */
  @Matches(/^https?:\/\/[^\s#?]+$/, { message: 'PUBLIC_WEB_URL must be an http(s):// URL without query or fragment' })
  PUBLIC_WEB_URL = 'http://localhost:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted application document, in bytes (10 MiB by default). */
  @IntegerVariable(1, 104_857_600)
  DOCUMENT_MAX_BYTES = 10_485_760;

  /** Folder of the local document store (relative to the working directory unless absolute). */
  @IsString()
  @MinLength(1)
  DOCUMENTS_DIR = '.data/documents';

  /** Open drafts one account may hold at a time; starting one more is a 409. */
  @IntegerVariable(1, 1000)
  APPLICATION_MAX_OPEN_DRAFTS = 20;

  /** Largest form data of a case (draft, or after an integration answer), in bytes of JSON; beyond: 413. */
  @IntegerVariable(1024, 1_048_576)
  APPLICATION_DRAFT_MAX_BYTES = 65_536;

  @IsOptional()
  @IsString()
  DEMO_PASSWORD?: string;

  /** SMTP server for e-mail notifications (smtp:// or smtps://); unset: no e-mail channel. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'Sportello <noreply@sportello.invalid>';

  /** App IO API base URL (e.g. https://api.io.pagopa.it); unset: App IO channel disabled. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'APP_IO_BASE_URL must be an http(s):// URL' })
  APP_IO_BASE_URL?: string;

  @IsOptional()
  @IsString()
  APP_IO_API_KEY?: string;

  /** External channels tried in this order; a permanent failure falls back to the next. */
  @Matches(/^(email|app_io)(,(email|app_io))*$/, {
    message: 'NOTIFICATION_CHANNELS must be a comma-separated list of email, app_io',
  })
  NOTIFICATION_CHANNELS = 'email,app_io';

  /** How often each worker's outbox relay polls for committed notifications. */
  @IntegerVariable(50)
  NOTIFICATION_RELAY_INTERVAL_MS = 1000;

  /** A notification queued longer than this without an outcome is queued again (lost Redis data). */
  @IntegerVariable(1)
  NOTIFICATION_REQUEUE_AFTER_SECONDS = 300;

  /** Directory of the daily protocol-register exports (worker; created if missing). */
  @IsString()
  REGISTER_EXPORT_DIR = '.data/register';

  /**
   * Key of the auditors' pseudonyms (HMAC-SHA256 of personal data). Required in production;
   * elsewhere, when unset, derived from JWT_ACCESS_SECRET. Changing it changes every pseudonym.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.AUDIT_PSEUDONYM_KEY !== '')
  @IsString()
  @MinLength(32, { message: 'AUDIT_PSEUDONYM_KEY must be at least 32 characters (required in production)' })
  AUDIT_PSEUDONYM_KEY = '';

  /**
   * Whether Swagger UI (/api/docs) and the OpenAPI document (/api/openapi.json, .yaml) are
   * served. Default: false when NODE_ENV=production, true otherwise.
   */
  @BooleanVariable()
  OPENAPI_PUBLIC = true;

  /** How long a recorded justification unlocks a decision's clear data for its auditor. */
  @IntegerVariable(1, 1440)
  AUDIT_DISCLOSURE_MINUTES = 60;

  /**
   * SPID/CIE OpenID Connect Federation (docs/identity.md). Unset: the feature is off and
   * /.well-known/openid-federation answers 404. Private RSA JWK sets as JSON ({"keys":[...]}):
   * the federation keys sign our entity configuration; the OIDC keys, distinct, sign request
   * objects and client assertions and decrypt userinfo.
   */
  @IsOptional()
  @IsJSON({ message: 'SPID_FEDERATION_JWKS must be a JSON JWK set' })
  SPID_FEDERATION_JWKS?: string;

  @ValidateIf((c: AppConfig) => c.SPID_FEDERATION_JWKS !== undefined)
  @IsJSON({ message: 'SPID_OIDC_JWKS must be a JSON JWK set (required with SPID_FEDERATION_JWKS)' })
  SPID_OIDC_JWKS?: string;

  /** Our entity id (client_id); default: PUBLIC_WEB_URL. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s#?]+$/, { message: 'SPID_ENTITY_ID must be an http(s):// URL without query or fragment' })
  SPID_ENTITY_ID?: string;

  @ValidateIf((c: AppConfig) => c.SPID_FEDERATION_JWKS !== undefined)
  @Matches(/^https?:\/\/[^\s#?]+$/, {
    message: 'SPID_TRUST_ANCHOR_ID must be an http(s):// URL (required with SPID_FEDERATION_JWKS)',
  })
  SPID_TRUST_ANCHOR_ID?: string;

  /** The trust anchor's public JWK set: its keys come from here, never from the network. */
  @ValidateIf((c: AppConfig) => c.SPID_FEDERATION_JWKS !== undefined)
  @IsJSON({ message: 'SPID_TRUST_ANCHOR_JWKS must be a JSON JWK set (required with SPID_FEDERATION_JWKS)' })
  SPID_TRUST_ANCHOR_JWKS?: string;

  /** Comma-separated superiors' entity ids; default: the trust anchor. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,#?]+(,https?:\/\/[^\s,#?]+)*$/, {
    message: 'SPID_AUTHORITY_HINTS must be comma-separated URLs',
  })
  SPID_AUTHORITY_HINTS?: string;

  /** Comma-separated redirect URIs; default: <entity id>/accesso/spid/callback. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,#]+(,https?:\/\/[^\s,#]+)*$/, {
    message: 'SPID_REDIRECT_URIS must be comma-separated URLs',
  })
  SPID_REDIRECT_URIS?: string;

  /** Trust marks issued to us, JSON [{"id": "...", "trust_mark": "<JWT>"}]. */
  @IsJSON({ message: 'SPID_TRUST_MARKS must be a JSON array' })
  SPID_TRUST_MARKS = '[]';

  @ValidateIf((c: AppConfig) => c.SPID_FEDERATION_JWKS !== undefined)
  @IsString()
  @MinLength(1, { message: 'SPID_ORGANIZATION_NAME is required with SPID_FEDERATION_JWKS' })
  SPID_ORGANIZATION_NAME?: string;

  /** Comma-separated technical contacts (e-mail addresses) published in the metadata. */
  @ValidateIf((c: AppConfig) => c.SPID_FEDERATION_JWKS !== undefined)
  @Matches(/^[^\s,@]+@[^\s,@]+(,[^\s,@]+@[^\s,@]+)*$/, {
    message: 'SPID_CONTACTS must be comma-separated e-mail addresses (required with SPID_FEDERATION_JWKS)',
  })
  SPID_CONTACTS?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'SPID_HOMEPAGE_URI must be an http(s):// URL' })
  SPID_HOMEPAGE_URI?: string;

  /** Lifetime of our signed entity configuration. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(604_800)
  SPID_ENTITY_CONFIGURATION_TTL_SECONDS = 172_800;

  /** Time allowed to each federation HTTP request (entity configurations, fetch endpoints). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  SPID_FEDERATION_TIMEOUT_MS = 5000;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const SPID_OPTIONAL = [
  'SPID_FEDERATION_JWKS',
  'SPID_OIDC_JWKS',
  'SPID_ENTITY_ID',
  'SPID_TRUST_ANCHOR_ID',
  'SPID_TRUST_ANCHOR_JWKS',
  'SPID_AUTHORITY_HINTS',
  'SPID_REDIRECT_URIS',
  'SPID_ORGANIZATION_NAME',
  'SPID_CONTACTS',
  'SPID_HOMEPAGE_URI',
];

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'JWT_ACCESS_SECRET',
    'DEMO_PASSWORD',
    'SMTP_URL',
    'APP_IO_BASE_URL',
    'APP_IO_API_KEY',
    ...SPID_OPTIONAL,
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  raw.OPENAPI_PUBLIC ??= raw.NODE_ENV === 'production' ? 'false' : 'true';
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) =>
        e.value === undefined
          ? `${e.property} is required but not set`
          : `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  return config;
}
