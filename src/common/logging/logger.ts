import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

interface LogContext {
  reqId: string;
}

/** Carries the request id through every await of a request, so every log line has it. */
export const logContext = new AsyncLocalStorage<LogContext>();

export function createRootLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets and personal data never reach the logs, whatever a caller passes.
    redact: {
      paths: ['password', '*.password', 'refreshToken', '*.refreshToken', 'authorization', '*.authorization', 'fiscalCode', '*.fiscalCode'],
      censor: '[redacted]',
    },
    mixin: () => {
      const ctx = logContext.getStore();
      return ctx ? { reqId: ctx.reqId } : {};
    },
  });
}

/** Nest's logger interface over pino, so framework and application logs share one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    // Nest passes the context (class name) last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    const bindings: Record<string, unknown> = {};
    if (context) bindings.context = context;
    if (stack) bindings.stack = stack;
    if (message instanceof Error) this.logger[level]({ ...bindings, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...bindings, ...message });
    else this.logger[level](bindings, String(message));
  }
}
