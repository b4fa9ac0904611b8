/**
 * The `allowedActions` contract: for cases in every reachable state and every kind of caller,
 * each action a case read lists succeeds (performed on a fresh case in the same state), and each
 * action it does not list is refused with a 4xx and leaves the case unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CASE_ACTIONS, type CaseAction } from '../src/modules/applications/domain/allowed-actions.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { MILANO } from './support/case-fixtures.js';
import { bearer } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { describeAuditTrail, OFFICE_PATH_EVENTS } from './support/audit-invariant.js';

const MEASURE = 'B1-FNA-2025';
const CALLERS = ['owner', 'stranger', 'assignedOperator', 'otherOperator', 'manager', 'otherTerritory'] as const;
type Caller = (typeof CALLERS)[number];

let ctx: TestContext;
const tokens = {} as Record<Caller | 'rival', string>;
const ids = {} as Record<Caller | 'rival', string>;

const http = () => ctx.http();
const versionOf = async (id: string) =>
  (await http().get(`/api/v1/applications/${id}`).set(bearer(tokens.owner)).expect(200)).body.version as number;

/** A fresh case brought, through the API, to a state; `duplicate` also files the same beneficiary from another account. */
async function caseIn(state: string, duplicate = false): Promise<string> {
  const cf = uniqueFiscalCode();
  const data = { ...SAMPLE_APPLICATIONS[MEASURE], beneficiaryFiscalCode: cf };
  const id = (
    await http().post('/api/v1/applications').set(bearer(tokens.owner)).send({ measureCode: MEASURE, data }).expect(201)
  ).body.id as string;
  if (state === 'DRAFT') return id;
  await http().post(`/api/v1/applications/${id}/submit`).set(bearer(tokens.owner)).expect(201);
  if (duplicate) {
    const other = (
      await http()
        .post('/api/v1/applications')
        .set(bearer(tokens.rival))
        .send({ measureCode: MEASURE, data })
        .expect(201)
    ).body.id;
    await http().post(`/api/v1/applications/${other}/submit`).set(bearer(tokens.rival)).expect(201);
  }
  const step = async (token: string, path: string, body: Record<string, unknown>) => {
    await http()
      .post(`/api/v1/${path.replace(':id', id)}`)
      .set(bearer(token))
      .send({ version: await versionOf(id), ...body })
      .expect(200);
  };
  if (state === 'SUBMITTED') return id;
  if (state === 'WITHDRAWN') {
    return (await step(tokens.owner, 'applications/:id/withdraw', { reason: 'Rinuncio alla domanda' }), id);
  }
  await step(tokens.manager, 'cases/:id/take-in-charge', { operatorId: ids.assignedOperator });
  if (state === 'IN_REVIEW') return id;
  if (state === 'INTEGRATION_REQUESTED') {
    return (
      await step(tokens.assignedOperator, 'cases/:id/integration-request', {
        message: 'Integrare la domanda',
        days: 10,
      }),
      id
    );
  }
  await step(tokens.assignedOperator, 'cases/:id/proposal', { outcome: 'approve', reasons: 'Requisiti verificati' });
  if (state === 'PROPOSED') return id;
  if (state === 'APPROVED') {
    return (await step(tokens.manager, 'cases/:id/decision', { outcome: 'approve', reasons: 'Accolta' }), id);
  }
  await step(tokens.manager, 'cases/:id/pre-rejection-notice', { reasons: 'Motivi ostativi' });
  if (state === 'PRE_REJECTION_NOTICE') return id;
  if (state === 'PRE_REJECTION_OBSERVED') {
    return (await step(tokens.owner, 'applications/:id/observations', { text: 'Le mie osservazioni' }), id);
  }
  await step(tokens.owner, 'applications/:id/observations', { text: 'Le mie osservazioni' });
  await step(tokens.manager, 'cases/:id/decision', {
    outcome: 'reject',
    reasons: 'Respinta',
    observationsAssessment: 'Non accolte',
  });
  return id; // REJECTED
}

/** Performs one action as a caller, with the case's current version; returns the status. */
async function perform(
  action: CaseAction,
  caller: Caller,
  id: string,
  duplicateOf: string | undefined,
): Promise<number> {
  const version = await versionOf(id);
  const post = (path: string, body: Record<string, unknown> = {}) =>
    http()
      .post(path)
      .set(bearer(tokens[caller]))
      .send({ version, ...body });
  const a = `/api/v1/applications/${id}`;
  const c = `/api/v1/cases/${id}`;
  const requests: Record<CaseAction, () => ReturnType<typeof post>> = {
    update_draft: () =>
      http()
        .put(`${a}/data`)
        .set(bearer(tokens[caller]))
        .send({ version, data: { ...SAMPLE_APPLICATIONS[MEASURE], beneficiaryFiscalCode: uniqueFiscalCode() } }),
    submit: () => http().post(`${a}/submit`).set(bearer(tokens[caller])),
    withdraw: () => post(`${a}/withdraw`, { reason: 'Rinuncio alla domanda' }),
    answer_integration: () => post(`${a}/integration-response`, { message: 'Ecco i documenti' }),
    submit_observations: () => post(`${a}/observations`, { text: 'Osservazioni sul preavviso' }),
    take_in_charge: () => post(`${c}/take-in-charge`),
    // Assigning is to someone else: to oneself it is taking in charge.
    assign: () =>
      post(`${c}/take-in-charge`, {
        operatorId: caller === 'assignedOperator' ? ids.otherOperator : ids.assignedOperator,
      }),
    request_integration: () => post(`${c}/integration-request`, { message: 'Integrare la domanda', days: 10 }),
    propose: () => post(`${c}/proposal`, { outcome: 'approve', reasons: 'Requisiti verificati' }),
    send_pre_rejection_notice: () => post(`${c}/pre-rejection-notice`, { reasons: 'Motivi ostativi' }),
    decide_approve: () => post(`${c}/decision`, { outcome: 'approve', reasons: 'Accolta' }),
    decide_reject: () =>
      post(`${c}/decision`, {
        outcome: 'reject',
        reasons: 'Respinta',
        observationsAssessment: 'Osservazioni non accolte',
      }),
    close_duplicate: () =>
      post(`${c}/duplicate-closure`, {
        duplicateOf: duplicateOf ?? '00000000-0000-4000-8000-000000000000',
        reasons: 'Domanda duplicata',
      }),
    revoke: () => post(`${c}/revocation`, { reason: 'Controllo art. 71 negativo', recoveryAmountCents: 0 }),
  };
  return (await requests[action]()).status;
}

/** The caller's view: allowed actions and the first possible duplicate; a hidden case offers nothing. */
async function viewOf(caller: Caller, id: string): Promise<{ actions: CaseAction[]; duplicateOf?: string }> {
  const res = await http().get(`/api/v1/applications/${id}`).set(bearer(tokens[caller]));
  if (res.status === 404) return { actions: [] };
  expect(res.status).toBe(200);
  return { actions: res.body.allowedActions, duplicateOf: res.body.possibleDuplicates[0]?.id };
}

/** The work queue and the applicant's list offer what the case read offers. */
async function expectListsAgree(caller: Caller, id: string, actions: CaseAction[]) {
  if (caller === 'owner') {
    const mine = (await http().get('/api/v1/applications').set(bearer(tokens.owner)).expect(200)).body as {
      id: string;
      allowedActions: CaseAction[];
    }[];
    expect(mine.find((c) => c.id === id)?.allowedActions).toEqual(actions);
  }
  if (caller === 'assignedOperator' || caller === 'otherOperator' || caller === 'manager') {
    const { status } = (await http().get(`/api/v1/applications/${id}`).set(bearer(tokens.owner)).expect(200)).body;
    if (status === 'DRAFT') return;
    const page = (
      await http().get('/api/v1/cases').query({ status, limit: 200 }).set(bearer(tokens[caller])).expect(200)
    ).body as { items: { id: string; allowedActions: CaseAction[] }[] };
    const item = page.items.find((c) => c.id === id);
    if (item) expect(item.allowedActions).toEqual(actions);
  }
}

beforeAll(async () => {
  ctx = await createTestApp();
  const accounts = {
    owner: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    rival: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    stranger: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    assignedOperator: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    otherOperator: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    manager: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    otherTerritory: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['325'] }),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name as Caller] = await tokenFor(ctx, account);
    ids[name as Caller] = account.id;
  }
});
afterAll(() => ctx.close());

const STATES: [string, boolean][] = [
  ['DRAFT', false],
  ['SUBMITTED', false],
  ['SUBMITTED', true],
  ['IN_REVIEW', true],
  ['INTEGRATION_REQUESTED', false],
  ['PROPOSED', false],
  ['PRE_REJECTION_NOTICE', false],
  ['PRE_REJECTION_OBSERVED', false],
  ['APPROVED', false],
  ['WITHDRAWN', false],
  ['REJECTED', false],
];

describe('allowedActions: what a case read offers is exactly what the server accepts', () => {
  for (const [state, duplicate] of STATES) {
    it(`${state}${duplicate ? ' with a possible duplicate' : ''}: listed actions succeed, the others are refused`, async () => {
      const shared = await caseIn(state, duplicate);
      const offered: Record<string, CaseAction[]> = {};
      for (const caller of CALLERS) {
        const { actions, duplicateOf } = await viewOf(caller, shared);
        offered[caller] = actions;
        await expectListsAgree(caller, shared, actions);
        const before = await versionOf(shared);
        for (const action of CASE_ACTIONS.filter((a) => !actions.includes(a))) {
          const status = await perform(action, caller, shared, duplicateOf);
          if (status < 400 || status >= 500) {
            throw new Error(`${state}: ${caller} was not offered ${action} but got ${status}`);
          }
        }
        expect(await versionOf(shared)).toBe(before);
        for (const action of actions) {
          const fresh = await caseIn(state, duplicate);
          const status = await perform(action, caller, fresh, (await viewOf(caller, fresh)).duplicateOf);
          if (status >= 300) throw new Error(`${state}: ${caller} was offered ${action} but got ${status}`);
        }
      }
      // Something is on offer in every open state, and never to someone who may not see the case.
      expect(offered.stranger).toEqual([]);
      expect(offered.otherTerritory).toEqual([]);
      if (!['APPROVED', 'WITHDRAWN', 'REJECTED'].includes(state)) {
        expect(Object.values(offered).flat().length).toBeGreaterThan(0);
      }
    });
  }
});

describeAuditTrail(
  () => ctx.db,
  [...OFFICE_PATH_EVENTS, 'close_duplicate', 'observations', 'revoke', 'send_pre_rejection_notice', 'withdraw'],
);
