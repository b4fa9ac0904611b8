import { ApplicationStatus as S } from './application-status.js';
import { daysBetween, PRE_REJECTION_DAYS } from './legal-deadline.js';
import { canReject, mayGivePreRejectionNotice, nextStatus, type ApplicationEvent } from './state-machine.js';

/**
 * What a caller may do next with a case. One vocabulary for the API (`allowedActions`) and for
 * the services, which refuse exactly what this function does not list.
 */
export const CASE_ACTIONS = [
  'update_draft',
  'submit',
  'withdraw',
  'answer_integration',
  'submit_observations',
  'take_in_charge',
  'assign',
  'request_integration',
  'propose',
  'send_pre_rejection_notice',
  'decide_approve',
  'decide_reject',
  'close_duplicate',
  'revoke',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The facts of a case the rules read (no personal data). */
export interface CaseFacts {
  status: S;
  procedureType: 'a_sportello' | 'graduatoria' | 'in_kind' | null;
  /** The account that filed the case (the citizen, or the CAV operator on a woman's behalf). */
  ownerId: string;
  assignedOperatorId: string | null;
  proposedBy: string | null;
  /** Soccorso istruttorio suspends the deadline once. */
  integrationRequested: boolean;
  observationsSent: boolean;
  /** Rome date the art. 10-bis notice was sent, if any. */
  preRejectionSentOn: string | null;
  /** The amount an approval would book is known (in kind: one unit; money: the benefit). */
  amountKnown: boolean;
  /** A possible duplicate this caller may also see is linked to the case. */
  duplicateVisible: boolean;
  /** The measure accepts submissions now (drafts only). */
  windowOpen: boolean;
}

export interface CallerFacts {
  id: string;
  roles: readonly string[];
  /** The caller sees the case as staff: territory covered, and for a sealed case a MANAGER or the assigned OPERATOR. */
  staffView: boolean;
}

/** Why an action is refused: an error-catalog code. */
export type Refusal =
  | 'APPLICATION_NOT_FOUND'
  | 'FORBIDDEN'
  | 'APPLICATION_NOT_ASSIGNED'
  | 'APPLICATION_ROLE_REQUIRED'
  | 'APPLICATION_FOUR_EYES'
  | 'APPLICATION_FILER_CANNOT_DECIDE'
  | 'APPLICATION_ILLEGAL_TRANSITION'
  | 'APPLICATION_INTEGRATION_USED'
  | 'APPLICATION_PRE_REJECTION_REQUIRED'
  | 'PRE_REJECTION_NOT_APPLICABLE'
  | 'APPLICATION_NOTICE_RUNNING'
  | 'APPLICATION_RANKING_REQUIRED'
  | 'APPLICATION_AMOUNT_UNKNOWN'
  | 'APPLICATION_NOT_DUPLICATE'
  | 'APPLICATION_WINDOW_CLOSED';

/** The applicant's actions (on their own case). */
export const OWNER_ACTIONS: ReadonlySet<CaseAction> = new Set([
  'update_draft',
  'submit',
  'withdraw',
  'answer_integration',
  'submit_observations',
]);

/** The roles each action's route admits (its @Allow). */
const ROLES: Record<CaseAction, readonly string[]> = {
  update_draft: ['APPLICANT', 'CAV_OPERATOR'],
  submit: ['APPLICANT', 'CAV_OPERATOR'],
  withdraw: ['APPLICANT', 'CAV_OPERATOR'],
  answer_integration: ['APPLICANT', 'CAV_OPERATOR'],
  submit_observations: ['APPLICANT', 'CAV_OPERATOR'],
  take_in_charge: ['OPERATOR'],
  assign: ['MANAGER'],
  request_integration: ['OPERATOR'],
  propose: ['OPERATOR'],
  send_pre_rejection_notice: ['MANAGER'],
  decide_approve: ['MANAGER'],
  decide_reject: ['MANAGER'],
  close_duplicate: ['MANAGER'],
  revoke: ['MANAGER'],
};

/** The state-machine event behind each action (none: a change that does not move the case). */
const EVENT: Record<CaseAction, ApplicationEvent | null> = {
  update_draft: null,
  submit: 'submit',
  withdraw: 'withdraw',
  answer_integration: 'answer_integration',
  submit_observations: null,
  take_in_charge: 'take_in_charge',
  assign: 'take_in_charge',
  request_integration: 'request_integration',
  propose: 'propose',
  send_pre_rejection_notice: 'send_pre_rejection_notice',
  decide_approve: 'decide_approve',
  decide_reject: 'decide_reject',
  close_duplicate: 'close_duplicate',
  revoke: 'revoke',
};

/** Actions that decide the case: never by who proposed it, nor by who filed it (four eyes). */
const DECISIONS: ReadonlySet<CaseAction> = new Set([
  'send_pre_rejection_notice',
  'decide_approve',
  'decide_reject',
  'close_duplicate',
]);

/**
 * Why `caller` may not take `action` on the case today (Rome date), or null when they may.
 * Checked in the order a client can act on: who, then the state, then the procedure.
 */
export function refusalOf(action: CaseAction, c: CaseFacts, caller: CallerFacts, today: string): Refusal | null {
  const owner = c.ownerId === caller.id;
  if (OWNER_ACTIONS.has(action)) {
    if (!owner) return 'APPLICATION_NOT_FOUND';
  } else if (!caller.staffView) {
    return 'APPLICATION_NOT_FOUND';
  }
  if (!ROLES[action].some((r) => caller.roles.includes(r))) {
    return OWNER_ACTIONS.has(action) ? 'FORBIDDEN' : 'APPLICATION_ROLE_REQUIRED';
  }
  if ((action === 'request_integration' || action === 'propose') && c.assignedOperatorId !== caller.id) {
    return 'APPLICATION_NOT_ASSIGNED';
  }
  if (DECISIONS.has(action)) {
    if (c.proposedBy === caller.id) return 'APPLICATION_FOUR_EYES';
    if (owner) return 'APPLICATION_FILER_CANNOT_DECIDE';
  }
  const event = EVENT[action];
  const movable = event
    ? nextStatus(c.status, event) !== null
    : c.status === (action === 'update_draft' ? S.DRAFT : S.PRE_REJECTION_NOTICE);
  if (!movable || (action === 'submit_observations' && c.observationsSent)) return 'APPLICATION_ILLEGAL_TRANSITION';
  switch (action) {
    case 'submit':
      return c.windowOpen ? null : 'APPLICATION_WINDOW_CLOSED';
    case 'request_integration':
      return c.integrationRequested ? 'APPLICATION_INTEGRATION_USED' : null;
    case 'send_pre_rejection_notice':
      return mayGivePreRejectionNotice(c.procedureType) ? null : 'PRE_REJECTION_NOT_APPLICABLE';
    case 'decide_approve':
    case 'decide_reject': {
      if (noticeRunning(c, today)) return 'APPLICATION_NOTICE_RUNNING';
      if (action === 'decide_reject') {
        return canReject(c.status, c.procedureType ?? 'a_sportello') ? null : 'APPLICATION_PRE_REJECTION_REQUIRED';
      }
      if (c.procedureType === 'graduatoria') return 'APPLICATION_RANKING_REQUIRED';
      return c.amountKnown ? null : 'APPLICATION_AMOUNT_UNKNOWN';
    }
    case 'close_duplicate':
      return c.duplicateVisible ? null : 'APPLICATION_NOT_DUPLICATE';
    default:
      return null;
  }
}

/** The 10 days of an art. 10-bis notice still run: no decision yet, unless observations arrived. */
export function noticeRunning(
  c: Pick<CaseFacts, 'status' | 'observationsSent' | 'preRejectionSentOn'>,
  today: string,
): boolean {
  if (c.status !== S.PRE_REJECTION_NOTICE || c.observationsSent || !c.preRejectionSentOn) return false;
  return daysBetween(c.preRejectionSentOn, today) < PRE_REJECTION_DAYS;
}

/** Every action the caller may take next, in CASE_ACTIONS order. */
export function allowedActions(c: CaseFacts, caller: CallerFacts, today: string): CaseAction[] {
  return CASE_ACTIONS.filter((a) => refusalOf(a, c, caller, today) === null);
}
