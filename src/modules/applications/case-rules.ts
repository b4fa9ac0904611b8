import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal.js';
import { refusalError } from './cases.errors.js';
import type { Application } from './application.entity.js';
import { duplicatesOf } from './cases.repository.js';
import { mayViewAsStaff } from './case-access.js';
import {
  allowedActions,
  refusalOf,
  type CallerFacts,
  type CaseAction,
  type CaseFacts,
} from './domain/allowed-actions.js';
import { romeDate } from './domain/legal-deadline.js';

/** What the rules need beyond the case row; each command supplies what its action reads. */
export interface CaseContext {
  amountKnown?: boolean;
  duplicateVisible?: boolean;
  windowOpen?: boolean;
}

export function caseFacts(app: Application, ctx: CaseContext): CaseFacts {
  const sentAt = app.preRejectionNotice?.sentAt;
  return {
    status: app.status,
    procedureType: app.procedureType,
    ownerId: app.ownerId,
    assignedOperatorId: app.assignedOperatorId,
    proposedBy: app.proposedBy,
    integrationRequested: app.integrationRequestedAt !== null,
    observationsSent: app.observations !== null,
    preRejectionSentOn: typeof sentAt === 'string' ? romeDate(new Date(sentAt)) : null,
    amountKnown: ctx.amountKnown ?? app.amountCents !== null,
    duplicateVisible: ctx.duplicateVisible ?? false,
    windowOpen: ctx.windowOpen ?? false,
  };
}

export const callerFacts = (actor: Principal, app: Application): CallerFacts => ({
  id: actor.id,
  roles: actor.roles,
  staffView: mayViewAsStaff(actor, app),
});

/** Throws the refusal of the rules (domain/allowed-actions.ts) when the caller may not act. */
export function assertMay(
  action: CaseAction,
  actor: Principal,
  app: Application,
  now: Date,
  ctx: CaseContext = {},
): void {
  const refusal = refusalOf(action, caseFacts(app, ctx), callerFacts(actor, app), romeDate(now));
  if (refusal) throw refusalError(refusal, action, app.status);
}

export const actionsFor = (actor: Principal, app: Application, now: Date, ctx: CaseContext) =>
  allowedActions(caseFacts(app, ctx), callerFacts(actor, app), romeDate(now));

/**
 * The possible duplicates of a case (linked either way) that the caller may see as staff, and
 * only when they may see this case as staff too: an officer who sees one of the two gets no hint.
 */
export async function visibleDuplicates(em: EntityManager, actor: Principal, app: Application): Promise<Application[]> {
  if (!mayViewAsStaff(actor, app)) return [];
  const others = await duplicatesOf(em, app.id);
  return others.filter((o) => mayViewAsStaff(actor, o));
}
