import type { Logger } from 'typeorm';

/**
 * TypeORM's logger, writing no statement and no bound parameter ever: a failed statement
 * surfaces as an error to its caller, whose log line goes through the error serializer
 * (src/common/logging/safe-error.ts). Migrations still say what they ran.
 */
export class ParameterFreeLogger implements Logger {
  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    console.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn' && typeof message === 'string') console.warn(message);
  }
}
