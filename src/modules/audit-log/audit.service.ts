import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { logContext } from '../../common/logging/logger.js';
import type { Principal } from '../../common/access/principal.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'user.created'
  | 'user.updated'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.registered'
  | 'user.email_verified'
  | 'user.fiscal_code_verified'
  | 'user.fiscal_code_released'
  | 'territory.ambito_created'
  | 'territory.ambito_renamed'
  | 'territory.ambito_map_loaded'
  | 'measure.created'
  | 'measure.draft_created'
  | 'measure.draft_replaced'
  | 'measure.version_published'
  | 'measure.version_retired'
  | 'application.transitioned'
  | 'application.duplicate_flagged'
  | 'application.duplicate_refused'
  | 'application.draft_discarded'
  | 'record.read'
  | 'record.disclosed'
  | 'indicator.target_updated';

export interface AuditEntry {
  /** Who acted: a principal, an account (id and roles), or null (anonymous, system). */
  actor: Pick<Principal, 'id' | 'roles'> | null;
  action: AuditAction;
  target?: { type: string; id: string | null };
  /** Before/after; personal values as their SHA-256 (personalDigest). Never secrets. */
  change?: Record<string, unknown>;
}

/** How an actor's roles are written (sorted, comma-separated); null for the system. */
export const rolesLabel = (actor: Pick<Principal, 'roles'> | null): string | null =>
  actor ? [...actor.roles].sort().join(',') : null;

/**
 * Appends to the audit log inside the caller's transaction, so the entry commits or rolls back
 * with the change it records. The insert locks the chain head until commit: write the entry as
 * the last statement of the transaction (docs/audit.md).
 */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (occurred_at, actor_id, actor_role, action, target_type, target_id, request_id, change)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.clock.now(),
        entry.actor?.id ?? null,
        rolesLabel(entry.actor),
        entry.action,
        entry.target?.type ?? null,
        entry.target?.id ?? null,
        logContext.getStore()?.reqId ?? null,
        JSON.stringify(entry.change ?? {}),
      ],
    );
  }
}
