import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { sqlRows } from '../../common/database/sql.js';
import { logContext } from '../../common/logging/logger.js';
import type { Principal } from '../../common/access/principal.js';
import { AuditService, rolesLabel } from '../audit-log/audit.service.js';
import { illegalTransition } from './cases.errors.js';
import { Application } from './application.entity.js';
import type { ApplicationStatus } from './domain/application-status.js';
import { nextStatus, type ApplicationEvent } from './domain/state-machine.js';

/** Who moves a case: an account (id and roles), or null for the system (the worker's jobs). */
export type CaseActor = Pick<Principal, 'id' | 'roles'> | null;

/** The `actor_role` of a transition: the actor's roles as the audit log writes them, or SYSTEM. */
export const actorRoleOf = (actor: CaseActor): string => rolesLabel(actor) ?? 'SYSTEM';

/** Steps recorded on a case that leave its status as it is. */
export type CaseNote = 'observations' | 'allocate_flat' | 'check_passed';
export type CaseEvent = ApplicationEvent | CaseNote;
const NOTES: readonly string[] = ['observations', 'allocate_flat', 'check_passed'] satisfies CaseNote[];

export interface TransitionRecord {
  reason?: string | null;
  /** Kept with the transition (the case history its readers see). */
  details?: Record<string, unknown> | null;
  /** Only in the audit entry (e.g. which case a duplicate closure names). */
  audited?: Record<string, unknown>;
}

/** The status an event leads the case to; refused (409) when the state machine does not allow it. */
export function statusAfter(from: ApplicationStatus, event: CaseEvent): ApplicationStatus {
  if (NOTES.includes(event)) return from;
  const to = nextStatus(from, event as ApplicationEvent);
  if (to === null) throw illegalTransition(from, event);
  return to;
}

/** One case of a set moved together (a graduatoria's publication). */
export interface CaseMove extends TransitionRecord {
  id: string;
  from: ApplicationStatus;
  event: CaseEvent;
}

/**
 * The one way a case moves: the state machine decides the new status, the case is saved, and
 * its transition row and hash-chained audit entry (`application.transitioned`, naming the
 * transition's id) are written, always both, in the caller's transaction.
 */
@Injectable()
export class CaseTransitions {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async move(
    em: EntityManager,
    actor: CaseActor,
    app: Application,
    event: CaseEvent,
    record: TransitionRecord = {},
  ): Promise<void> {
    const from = app.status;
    const to = statusAfter(from, event);
    const now = this.clock.now();
    app.status = to;
    app.updatedAt = now;
    await em.save(Application, app);
    const [{ id }] = await sqlRows<{ id: string }>(
      em,
      `INSERT INTO application_transitions (application_id, from_status, to_status, event, actor_id, actor_role, reason, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text`,
      [
        app.id,
        from,
        to,
        event,
        actor?.id ?? null,
        actorRoleOf(actor),
        record.reason ?? null,
        record.details ? JSON.stringify(record.details) : null,
        now,
      ],
    );
    await this.audit.record(em, {
      actor,
      action: 'application.transitioned',
      target: { type: 'application', id: app.id },
      change: { event, from, to, transitionId: id, ...record.audited },
    });
  }

  /**
   * Many cases at once, set-based (one statement per table whatever their number): each must be
   * still in its `from` status (else the whole set is refused), moves as the state machine says,
   * and gets its transition and its own audit entry in one statement, in the order given. The
   * caller writes its other columns (decision, funding) itself.
   */
  async moveMany(em: EntityManager, actor: CaseActor, moves: readonly CaseMove[]): Promise<void> {
    if (moves.length === 0) return;
    const to = moves.map((m) => statusAfter(m.from, m.event));
    const now = this.clock.now();
    const ids = moves.map((m) => m.id);
    const updated = await sqlRows<{ id: string }>(
      em,
      `UPDATE applications a SET status = u.to_status, updated_at = $4, version = a.version + 1
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, from_status, to_status)
        WHERE a.id = u.id AND a.status = u.from_status
       RETURNING a.id`,
      [ids, moves.map((m) => m.from), to, now],
    );
    if (updated.length !== moves.length) throw illegalTransition(moves[0].from, moves[0].event);
    await em.query(
      `WITH t AS (
         INSERT INTO application_transitions (application_id, from_status, to_status, event, actor_id, actor_role, reason, details, at)
         SELECT u.id, u.from_status, u.to_status, u.event, $6, $7, u.reason, u.details, $8
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $9::jsonb[]) WITH ORDINALITY
                AS u(id, from_status, to_status, event, reason, details, ord)
          ORDER BY u.ord
         RETURNING id, application_id, from_status, to_status, event
       )
       INSERT INTO audit_log (occurred_at, actor_id, actor_role, action, target_type, target_id, request_id, change)
       SELECT $8, $6, $11, 'application.transitioned', 'application', t.application_id, $12,
              jsonb_build_object('event', t.event, 'from', t.from_status, 'to', t.to_status, 'transitionId', t.id::text) || v.audited
         FROM t JOIN unnest($1::uuid[], $10::jsonb[]) AS v(id, audited) ON v.id = t.application_id
        ORDER BY t.id`,
      [
        ids,
        moves.map((m) => m.from),
        to,
        moves.map((m) => m.event),
        moves.map((m) => m.reason ?? null),
        actor?.id ?? null,
        actorRoleOf(actor),
        now,
        moves.map((m) => (m.details ? JSON.stringify(m.details) : null)),
        moves.map((m) => JSON.stringify(m.audited ?? {})),
        rolesLabel(actor),
        logContext.getStore()?.reqId ?? null,
      ],
    );
  }
}
