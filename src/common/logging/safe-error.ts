/**
 * What a log line may say about an error: its type, message, stack and code, never the values
 * it carries. A failed SQL statement's error (TypeORM's QueryFailedError, pg's DatabaseError)
 * holds the statement, its bound parameters and PostgreSQL's `detail` ("Failing row contains
 * (…)": e-mail, password hash, codice fiscale) and `where`; pino's default serializer wrote
 * every enumerable property. Here only named fields are kept, and quoted literals in a database
 * message (`invalid input syntax for type uuid: "…"`) are masked unless they are the identifiers
 * PostgreSQL reported (table, column, constraint).
 */
export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  table?: string;
  column?: string;
  constraint?: string;
  cause?: SafeError;
}

const IDENTIFIERS = ['schema', 'table', 'column', 'constraint', 'dataType'] as const;
const MAX_CAUSES = 3;

type Loose = Error &
  Partial<Record<(typeof IDENTIFIERS)[number] | 'code' | 'severity' | 'routine', unknown>> & { driverError?: unknown };

const isDatabaseError = (e: Loose) =>
  'driverError' in e ||
  e.name === 'QueryFailedError' ||
  (typeof e.severity === 'string' && typeof e.routine === 'string');

const text = (v: unknown) => (typeof v === 'string' && v.length <= 128 ? v : undefined);

function maskLiterals(message: string, keep: Set<string>): string {
  return message.replace(/"((?:[^"]|"")*)"/g, (whole, inner: string) => (keep.has(inner) ? whole : '"…"'));
}

/** pino's `err` serializer: an Error becomes a SafeError; anything else (a message string) is kept. */
export function safeError(value: unknown): unknown {
  return value instanceof Error ? serialize(value, 0) : value;
}

function serialize(error: Error, depth: number): SafeError {
  const e = error as Loose;
  const source = (e.driverError instanceof Error ? e.driverError : e) as Loose;
  const type = e.constructor?.name ?? e.name ?? 'Error';
  const database = isDatabaseError(e);
  const keep = new Set(IDENTIFIERS.map((k) => text(source[k])).filter((v): v is string => v !== undefined));
  const message = database ? maskLiterals(e.message, keep) : e.message;
  const out: SafeError = { type, message };
  // The stack's first lines repeat the (unmasked) message: only its frames are kept.
  if (typeof e.stack === 'string') {
    out.stack = [`${type}: ${message}`, ...e.stack.split('\n').filter((l) => /^\s+at /.test(l))].join('\n');
  }
  const code = source.code ?? e.code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (database) {
    for (const key of ['table', 'column', 'constraint'] as const) {
      const v = text(source[key]);
      if (v !== undefined) out[key] = v;
    }
  }
  if (e.cause instanceof Error && depth < MAX_CAUSES) out.cause = serialize(e.cause, depth + 1);
  return out;
}
