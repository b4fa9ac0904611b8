import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { safeError, type SafeError } from './safe-error.js';

const driverError = () =>
  Object.assign(new Error('new row for relation "users" violates check constraint "users_check"'), {
    code: '23514',
    severity: 'ERROR',
    routine: 'ExecConstraints',
    table: 'users',
    constraint: 'users_check',
    detail: 'Failing row contains (maria@example.org, $argon2id$v=19$…, RSSMRA85T50A794S).',
    where: 'SQL statement "…"',
  });

describe('safeError', () => {
  it('keeps type, message, code and identifiers of a failed statement; drops statement, parameters and details', () => {
    const error = new QueryFailedError('INSERT INTO users (email) VALUES ($1)', ['maria@example.org'], driverError());
    const out = safeError(error) as SafeError;
    expect(out).toMatchObject({ type: 'QueryFailedError', code: '23514', table: 'users', constraint: 'users_check' });
    expect(out.message).toBe('new row for relation "users" violates check constraint "users_check"');
    expect(JSON.stringify(out)).not.toMatch(/maria|argon2|RSSMRA|INSERT|Failing row|SQL statement/);
  });

  it('masks the literal values PostgreSQL quotes in its messages, also in the stack', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "RSSMRA85T50A794S"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
    });
    const out = safeError(new QueryFailedError('SELECT 1', [], pgError)) as SafeError;
    expect(out.message).toBe('invalid input syntax for type uuid: "…"');
    expect(out.stack).toMatch(/^QueryFailedError: invalid input syntax for type uuid: "…"\n\s+at /);
    expect(JSON.stringify(out)).not.toContain('RSSMRA');
  });

  it('keeps only the named fields of any other error, its causes serialized the same way', () => {
    const error = Object.assign(
      new Error('boom', { cause: new QueryFailedError('q', ['secret@example.org'], driverError()) }),
      { body: { email: 'x@y.it' } },
    );
    const out = safeError(error) as SafeError;
    expect(Object.keys(out).sort()).toEqual(['cause', 'message', 'stack', 'type']);
    expect(out.cause).toMatchObject({ type: 'QueryFailedError', code: '23514' });
    expect(JSON.stringify(out)).not.toMatch(/secret|x@y\.it|Failing row/);
    expect(safeError('a plain message')).toBe('a plain message');
  });
});
