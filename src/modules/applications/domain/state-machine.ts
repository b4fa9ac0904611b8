import { ApplicationStatus as S, OPEN_STATES } from './application-status.js';

/** What happens to a case; each event is allowed from some states only. */
export type ApplicationEvent =
  | 'submit'
  | 'take_in_charge'
  | 'request_integration'
  | 'answer_integration'
  /** The system: the integration's days ran out without an answer (worker, deadline-lapses). */
  | 'integration_lapsed'
  | 'propose'
  | 'send_pre_rejection_notice'
  | 'decide_approve'
  | 'decide_waitlist'
  | 'decide_reject'
  | 'fund_from_waitlist'
  | 'withdraw'
  /** A MANAGER closes a possible duplicate of another active case (inadmissible, with reasons). */
  | 'close_duplicate'
  | 'revoke';

const TRANSITIONS: Record<ApplicationEvent, { from: readonly S[]; to: S }> = {
  submit: { from: [S.DRAFT], to: S.SUBMITTED },
  take_in_charge: { from: [S.SUBMITTED], to: S.IN_REVIEW },
  request_integration: { from: [S.IN_REVIEW], to: S.INTEGRATION_REQUESTED },
  answer_integration: { from: [S.INTEGRATION_REQUESTED], to: S.IN_REVIEW },
  integration_lapsed: { from: [S.INTEGRATION_REQUESTED], to: S.IN_REVIEW },
  propose: { from: [S.IN_REVIEW], to: S.PROPOSED },
  send_pre_rejection_notice: { from: [S.PROPOSED], to: S.PRE_REJECTION_NOTICE },
  decide_approve: { from: [S.PROPOSED, S.PRE_REJECTION_NOTICE], to: S.APPROVED },
  decide_waitlist: { from: [S.PROPOSED, S.PRE_REJECTION_NOTICE], to: S.WAITLISTED },
  // A non-competitive rejection must pass through the 10-bis notice: see canReject.
  decide_reject: { from: [S.PROPOSED, S.PRE_REJECTION_NOTICE], to: S.REJECTED },
  fund_from_waitlist: { from: [S.WAITLISTED], to: S.APPROVED },
  // A registered case only: a withdrawn case keeps its protocol entry (a draft has none).
  withdraw: {
    from: [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PROPOSED, S.PRE_REJECTION_NOTICE, S.WAITLISTED],
    to: S.WITHDRAWN,
  },
  close_duplicate: { from: OPEN_STATES, to: S.REJECTED },
  revoke: { from: [S.APPROVED], to: S.REVOKED },
};

/** The state an event leads to, or null when the event is not allowed from this state. */
export function nextStatus(from: S, event: ApplicationEvent): S | null {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

/**
 * Art. 10-bis L. 241/1990: before rejecting, the applicant must be told why and given 10 days,
 * except in competitive (ranked) procedures.
 */
export function canReject(from: S, procedureType: 'a_sportello' | 'graduatoria' | 'in_kind'): boolean {
  return from === S.PRE_REJECTION_NOTICE || (from === S.PROPOSED && procedureType === 'graduatoria');
}

/** Art. 10-bis does not apply to competitive procedures: a graduatoria gets no notice. */
export function mayGivePreRejectionNotice(procedureType: 'a_sportello' | 'graduatoria' | 'in_kind' | null): boolean {
  return procedureType !== 'graduatoria';
}
