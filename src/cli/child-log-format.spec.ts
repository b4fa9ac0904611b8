import { describe, expect, it } from '@jest/globals';
import { consoleLineOf } from './child-log-format.js';

const line = (entry: Record<string, unknown>) =>
  JSON.stringify({ time: '2026-12-01T10:00:00.000Z', pid: 42, name: 'sportello-worker', ...entry });

describe('consoleLineOf', () => {
  it('leaves info and debug lines (route mapping, requests) to the log file', () => {
    expect(
      consoleLineOf('api', line({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/api/v1/cases, GET} route' })),
    ).toBeNull();
    expect(consoleLineOf('api', line({ level: 20, msg: 'debug' }))).toBeNull();
  });

  it('shows a warning in one line with its context and error', () => {
    expect(
      consoleLineOf(
        'worker',
        line({
          level: 40,
          context: 'OutboxRelay',
          err: 'connect ECONNREFUSED 127.0.0.1:6379',
          msg: 'relay tick failed',
        }),
      ),
    ).toBe('worker warning OutboxRelay: relay tick failed (connect ECONNREFUSED 127.0.0.1:6379)');
  });

  it('shows a serialized error without its stack', () => {
    const text = consoleLineOf(
      'api',
      line({
        level: 50,
        err: { type: 'QueryFailedError', message: 'boom', stack: 'QueryFailedError: boom\n    at x' },
        msg: 'boom',
      }),
    );
    expect(text).toBe('api error boom (QueryFailedError: boom)');
    expect(
      consoleLineOf('api', line({ level: 60, err: { type: 'Error', message: 'fatal one' }, msg: 'fatal one' })),
    ).toBe('api fatal fatal one');
  });

  it('ignores lines that are not pino JSON and cuts very long messages', () => {
    expect(consoleLineOf('api', 'Error: listen EADDRINUSE')).toBeNull();
    expect(consoleLineOf('api', '{not json')).toBeNull();
    const long = consoleLineOf('api', line({ level: 50, msg: 'x'.repeat(1000) }))!;
    expect(long.length).toBe(240);
    expect(long.endsWith('…')).toBe(true);
  });
});
