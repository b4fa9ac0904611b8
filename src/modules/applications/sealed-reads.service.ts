import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { logContext } from '../../common/logging/logger.js';
import { AuditService } from '../audit-log/audit.service.js';
import type { Principal } from '../../common/access/principal.js';
import { ApplicationAccess } from './application-records.entity.js';
import type { Application } from './application.entity.js';

/**
 * The one way a read of a sealed case is recorded, whatever is read (the case, its history,
 * its receipt, its documents): the case's own access record, which its staff can list, and a
 * `record.read` entry in the hash-chained audit log, in one transaction. Other cases: nothing.
 */
@Injectable()
export class SealedReadsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Principal, app: Pick<Application, 'id' | 'sealed'>, action: string): Promise<void> {
    if (!app.sealed) return;
    await this.tx.run(async (em) => {
      await em.getRepository(ApplicationAccess).insert({
        applicationId: app.id,
        actorId: actor.id,
        actorRole: actor.roles.join(','),
        action,
        requestId: logContext.getStore()?.reqId ?? null,
        at: this.clock.now(),
      });
      await this.audit.record(em, {
        actor,
        action: 'record.read',
        target: { type: 'application', id: app.id },
        change: { action },
      });
    });
  }
}
