import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's logger, writing no statement and no bound parameter ever: a failed statement
 * surfaces as an error to its caller, whose log line goes through the error serializer
 * (src/common/logging/safe-error.ts). A failed migration is still named (TypeORM 1.x calls
 * logMigration only then, with the migration's name and the error's message), through the
 * application's logger like every other line, at warn so the default level shows it.
 */
export class ParameterFreeLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.warn(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn' && typeof message === 'string') this.logger.warn(message);
  }
}
