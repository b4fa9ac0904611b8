import { describe, expect, it } from '@jest/globals';
import { ApplicationStatus as S } from './application-status.js';
import { canReject, mayGivePreRejectionNotice, nextStatus } from './state-machine.js';

describe('application state machine', () => {
  it('follows the procedure from draft to decision', () => {
    expect(nextStatus(S.DRAFT, 'submit')).toBe(S.SUBMITTED);
    expect(nextStatus(S.SUBMITTED, 'take_in_charge')).toBe(S.IN_REVIEW);
    expect(nextStatus(S.IN_REVIEW, 'request_integration')).toBe(S.INTEGRATION_REQUESTED);
    expect(nextStatus(S.INTEGRATION_REQUESTED, 'answer_integration')).toBe(S.IN_REVIEW);
    expect(nextStatus(S.IN_REVIEW, 'propose')).toBe(S.PROPOSED);
    expect(nextStatus(S.PROPOSED, 'send_pre_rejection_notice')).toBe(S.PRE_REJECTION_NOTICE);
    expect(nextStatus(S.PRE_REJECTION_NOTICE, 'decide_reject')).toBe(S.REJECTED);
    expect(nextStatus(S.PROPOSED, 'decide_approve')).toBe(S.APPROVED);
    expect(nextStatus(S.WAITLISTED, 'fund_from_waitlist')).toBe(S.APPROVED);
    expect(nextStatus(S.APPROVED, 'revoke')).toBe(S.REVOKED);
  });

  it('refuses illegal transitions', () => {
    expect(nextStatus(S.DRAFT, 'decide_approve')).toBeNull();
    expect(nextStatus(S.SUBMITTED, 'submit')).toBeNull();
    expect(nextStatus(S.APPROVED, 'withdraw')).toBeNull();
    expect(nextStatus(S.DRAFT, 'withdraw')).toBeNull(); // a draft has no protocol entry to keep
    expect(nextStatus(S.REJECTED, 'revoke')).toBeNull();
    expect(nextStatus(S.INTEGRATION_REQUESTED, 'propose')).toBeNull();
  });

  it('a non-competitive rejection requires the 10-bis notice first', () => {
    expect(canReject(S.PROPOSED, 'a_sportello')).toBe(false);
    expect(canReject(S.PRE_REJECTION_NOTICE, 'a_sportello')).toBe(true);
    expect(canReject(S.PROPOSED, 'graduatoria')).toBe(true);
  });

  it('art. 10-bis does not apply to a graduatoria (competitive procedure)', () => {
    expect(mayGivePreRejectionNotice('graduatoria')).toBe(false);
    expect(mayGivePreRejectionNotice('a_sportello')).toBe(true);
    expect(mayGivePreRejectionNotice('in_kind')).toBe(true);
  });

  it('a possible duplicate is closed (rejected) from any state awaiting a decision, and only from those', () => {
    for (const from of [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PROPOSED, S.PRE_REJECTION_NOTICE]) {
      expect(nextStatus(from, 'close_duplicate')).toBe(S.REJECTED);
    }
    for (const from of [S.DRAFT, S.APPROVED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN, S.REVOKED]) {
      expect(nextStatus(from, 'close_duplicate')).toBeNull();
    }
  });
});
