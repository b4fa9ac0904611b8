import { Injectable, Logger } from '@nestjs/common';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { JobHandler } from '../../common/queue/job-handler.js';
import { RefreshTokenService } from './refresh-token.service.js';

/** Nightly: deletes refresh tokens expired for more than a day. Idempotent by nature. */
@Injectable()
export class PurgeExpiredTokensHandler implements JobHandler<'maintenance'> {
  readonly queue = 'maintenance' as const;
  readonly jobName = 'purge-expired-refresh-tokens';
  private readonly logger = new Logger(PurgeExpiredTokensHandler.name);

  constructor(
    private readonly tokens: RefreshTokenService,
    private readonly tx: TransactionService,
  ) {}

  async handle() {
    const deleted = await this.tx.run((em) => this.tokens.purgeExpired(em));
    this.logger.log({ deleted }, 'expired refresh tokens purged');
    return { deleted };
  }
}
