import { describe, expect, it } from '@jest/globals';
import { allowedActions, refusalOf, type CallerFacts, type CaseAction, type CaseFacts } from './allowed-actions.js';
import { ApplicationStatus as S } from './application-status.js';

const TODAY = '2026-03-20';
const base = (status: S, over: Partial<CaseFacts> = {}): CaseFacts => ({
  status,
  procedureType: 'a_sportello',
  ownerId: 'owner',
  assignedOperatorId: status === S.DRAFT || status === S.SUBMITTED ? null : 'op',
  proposedBy: [S.PROPOSED, S.PRE_REJECTION_NOTICE].includes(status) ? 'op' : null,
  integrationRequested: false,
  observationsSent: false,
  preRejectionSentOn: status === S.PRE_REJECTION_NOTICE ? '2026-03-01' : null,
  amountKnown: true,
  duplicateVisible: false,
  windowOpen: true,
  ...over,
});

const staff = (status: S) => status !== S.DRAFT;
const CALLERS: Record<string, (status: S) => CallerFacts> = {
  owner: () => ({ id: 'owner', roles: ['APPLICANT'], staffView: false }),
  stranger: () => ({ id: 'someone', roles: ['APPLICANT'], staffView: false }),
  assignedOperator: (s) => ({ id: 'op', roles: ['OPERATOR'], staffView: staff(s) }),
  otherOperator: (s) => ({ id: 'op2', roles: ['OPERATOR'], staffView: staff(s) }),
  manager: (s) => ({ id: 'mgr', roles: ['MANAGER'], staffView: staff(s) }),
  managerOutOfTerritory: () => ({ id: 'mgr2', roles: ['MANAGER'], staffView: false }),
};

/** Every state × every kind of caller, on an a-sportello case. */
const TABLE: Record<S, Record<keyof typeof CALLERS, CaseAction[]>> = {
  [S.DRAFT]: {
    owner: ['update_draft', 'submit'],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.SUBMITTED]: {
    owner: ['withdraw'],
    stranger: [],
    assignedOperator: ['take_in_charge'],
    otherOperator: ['take_in_charge'],
    manager: ['assign'],
    managerOutOfTerritory: [],
  },
  [S.IN_REVIEW]: {
    owner: ['withdraw'],
    stranger: [],
    assignedOperator: ['request_integration', 'propose'],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.INTEGRATION_REQUESTED]: {
    owner: ['withdraw', 'answer_integration'],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.PROPOSED]: {
    owner: ['withdraw'],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: ['send_pre_rejection_notice', 'decide_approve'],
    managerOutOfTerritory: [],
  },
  [S.PRE_REJECTION_NOTICE]: {
    owner: ['withdraw', 'submit_observations'],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: ['decide_approve', 'decide_reject'],
    managerOutOfTerritory: [],
  },
  [S.APPROVED]: {
    owner: [],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: ['revoke'],
    managerOutOfTerritory: [],
  },
  [S.WAITLISTED]: {
    owner: ['withdraw'],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.REJECTED]: {
    owner: [],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.WITHDRAWN]: {
    owner: [],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
  [S.REVOKED]: {
    owner: [],
    stranger: [],
    assignedOperator: [],
    otherOperator: [],
    manager: [],
    managerOutOfTerritory: [],
  },
};

describe('allowed actions: every state × every caller', () => {
  for (const status of Object.values(S)) {
    for (const [name, caller] of Object.entries(CALLERS)) {
      it(`${status} as ${name}`, () => {
        expect(allowedActions(base(status), caller(status), TODAY)).toEqual(TABLE[status][name]);
      });
    }
  }
});

describe('allowed actions: the rules beside the state', () => {
  const manager = CALLERS.manager(S.PROPOSED);

  it('four eyes: who proposed decides nothing, nor does who filed the case', () => {
    const proposer = { id: 'op', roles: ['OPERATOR', 'MANAGER'], staffView: true };
    expect(allowedActions(base(S.PROPOSED), proposer, TODAY)).toEqual([]);
    expect(refusalOf('decide_approve', base(S.PROPOSED), proposer, TODAY)).toBe('APPLICATION_FOUR_EYES');
    const filer = { id: 'owner', roles: ['APPLICANT', 'MANAGER'], staffView: true };
    expect(allowedActions(base(S.PROPOSED), filer, TODAY)).toEqual(['withdraw']);
    expect(refusalOf('decide_approve', base(S.PROPOSED), filer, TODAY)).toBe('APPLICATION_FILER_CANNOT_DECIDE');
    expect(refusalOf('send_pre_rejection_notice', base(S.PROPOSED), filer, TODAY)).toBe(
      'APPLICATION_FILER_CANNOT_DECIDE',
    );
    expect(refusalOf('close_duplicate', base(S.SUBMITTED, { duplicateVisible: true }), filer, TODAY)).toBe(
      'APPLICATION_FILER_CANNOT_DECIDE',
    );
  });

  it('a graduatoria: no art. 10-bis notice, no approval outside the ranking, rejection at once', () => {
    const ranked = base(S.PROPOSED, { procedureType: 'graduatoria' });
    expect(allowedActions(ranked, manager, TODAY)).toEqual(['decide_reject']);
    expect(refusalOf('send_pre_rejection_notice', ranked, manager, TODAY)).toBe('PRE_REJECTION_NOT_APPLICABLE');
    expect(refusalOf('decide_approve', ranked, manager, TODAY)).toBe('APPLICATION_RANKING_REQUIRED');
    expect(refusalOf('decide_reject', base(S.PROPOSED), manager, TODAY)).toBe('APPLICATION_PRE_REJECTION_REQUIRED');
  });

  it('the 10 days of the notice bind both outcomes, unless observations arrived', () => {
    const running = base(S.PRE_REJECTION_NOTICE, { preRejectionSentOn: '2026-03-15' });
    expect(allowedActions(running, manager, TODAY)).toEqual([]);
    expect(refusalOf('decide_reject', running, manager, TODAY)).toBe('APPLICATION_NOTICE_RUNNING');
    expect(allowedActions({ ...running, observationsSent: true }, manager, TODAY)).toEqual([
      'decide_approve',
      'decide_reject',
    ]);
    expect(allowedActions(base(S.PRE_REJECTION_NOTICE, { preRejectionSentOn: '2026-03-10' }), manager, TODAY)).toEqual([
      'decide_approve',
      'decide_reject',
    ]);
    expect(
      allowedActions({ ...running, observationsSent: true }, CALLERS.owner(S.PRE_REJECTION_NOTICE), TODAY),
    ).toEqual(['withdraw']);
  });

  it('integration once; approval needs a known amount; submission an open window', () => {
    const op = CALLERS.assignedOperator(S.IN_REVIEW);
    expect(allowedActions(base(S.IN_REVIEW, { integrationRequested: true }), op, TODAY)).toEqual(['propose']);
    expect(refusalOf('request_integration', base(S.IN_REVIEW, { integrationRequested: true }), op, TODAY)).toBe(
      'APPLICATION_INTEGRATION_USED',
    );
    expect(allowedActions(base(S.PROPOSED, { amountKnown: false }), manager, TODAY)).toEqual([
      'send_pre_rejection_notice',
    ]);
    expect(allowedActions(base(S.DRAFT, { windowOpen: false }), CALLERS.owner(S.DRAFT), TODAY)).toEqual([
      'update_draft',
    ]);
  });

  it('a possible duplicate the manager may see can be closed from any open state', () => {
    for (const status of [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PROPOSED, S.PRE_REJECTION_NOTICE]) {
      expect(allowedActions(base(status, { duplicateVisible: true }), CALLERS.manager(status), TODAY)).toContain(
        'close_duplicate',
      );
    }
    for (const status of [S.APPROVED, S.WAITLISTED, S.REJECTED]) {
      expect(allowedActions(base(status, { duplicateVisible: true }), CALLERS.manager(status), TODAY)).not.toContain(
        'close_duplicate',
      );
    }
    expect(refusalOf('close_duplicate', base(S.SUBMITTED), CALLERS.manager(S.SUBMITTED), TODAY)).toBe(
      'APPLICATION_NOT_DUPLICATE',
    );
    expect(
      allowedActions(base(S.SUBMITTED, { duplicateVisible: true }), CALLERS.otherOperator(S.SUBMITTED), TODAY),
    ).toEqual(['take_in_charge']);
  });

  it('someone who may not see the case gets a not-found refusal for everything', () => {
    for (const action of ['withdraw', 'take_in_charge', 'decide_approve'] as const) {
      expect(refusalOf(action, base(S.PROPOSED), CALLERS.managerOutOfTerritory(S.PROPOSED), TODAY)).toBe(
        'APPLICATION_NOT_FOUND',
      );
    }
  });
});

describe('refusal codes say why', () => {
  it('an operator deciding is refused for the role, an operator not assigned for the assignment', () => {
    expect(refusalOf('decide_approve', base(S.PROPOSED), CALLERS.assignedOperator(S.PROPOSED), TODAY)).toBe(
      'APPLICATION_ROLE_REQUIRED',
    );
    expect(refusalOf('revoke', base(S.APPROVED), CALLERS.otherOperator(S.APPROVED), TODAY)).toBe(
      'APPLICATION_ROLE_REQUIRED',
    );
    expect(refusalOf('propose', base(S.IN_REVIEW), CALLERS.otherOperator(S.IN_REVIEW), TODAY)).toBe(
      'APPLICATION_NOT_ASSIGNED',
    );
  });
});
