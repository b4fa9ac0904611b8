import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { safeError, type SafeError } from './safe-error.js';

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
    // Secrets and personal data never reach the logs, whatever a caller passes: errors are
    // reduced to type, message, stack and code (safe-error.ts); request bodies, statements'
    // parameters and the driver's details are cut wherever they appear.
    serializers: { err: safeError, error: safeError },
    redact: {
      paths: [
        ...['password', 'passwordHash', 'refreshToken', 'authorization', 'fiscalCode', 'email'].flatMap((k) => [
          k,
          `*.${k}`,
        ]),
        ...['body', 'parameters', 'driverError', 'detail', 'where'].flatMap((k) => [k, `*.${k}`]),
      ],
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
    // Nest appends the context (class name) last; callers may pass (object, 'message').
    const params = [...rest];
    const context =
      params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const text = params.find((p): p is string => typeof p === 'string');
    const bindings: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.logger[level]({ ...bindings, err: message }, text ?? (safeError(message) as SafeError).message);
    } else if (typeof message === 'object' && message !== null) this.logger[level]({ ...bindings, ...message }, text);
    else this.logger[level]({ ...bindings, ...(level === 'error' && text ? { stack: text } : {}) }, String(message));
  }
}

/**
 * For command-line entry points, which have no Nest application to hand its logger to: the
 * framework-level loggers (TypeORM's migrations, for one) write the same JSON lines through pino.
 */
export function useRootLoggerForNest(level: string, name: string): Logger {
  const logger = createRootLogger(level, name);
  NestLogger.overrideLogger(new PinoNestLogger(logger));
  return logger;
}
