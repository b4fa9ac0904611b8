import { expect } from '@jest/globals';
import type { TestContext } from './test-app.js';

/** Small HTTP helpers for case workflows in e2e tests. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function draftAndSubmit(
  ctx: TestContext,
  token: string,
  measureCode: string,
  data: Record<string, unknown>,
  key?: string,
) {
  const draft = await ctx
    .http()
    .post('/api/v1/applications')
    .set(bearer(token))
    .send({ measureCode, data })
    .expect(201);
  const req = ctx.http().post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(token));
  if (key) req.set('idempotency-key', key);
  const receipt = await req.expect(201);
  return {
    id: draft.body.id as string,
    receipt: receipt.body as { protocolNumber: string; receivedAt: string; deadlineDate: string },
  };
}

export async function caseVersion(ctx: TestContext, token: string, id: string): Promise<number> {
  const res = await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(token)).expect(200);
  return res.body.version as number;
}

/** Moves a submitted case to PROPOSED (approve) through the real endpoints. */
export async function toProposed(
  ctx: TestContext,
  operatorToken: string,
  id: string,
  outcome: 'approve' | 'reject' = 'approve',
) {
  let v = await caseVersion(ctx, operatorToken, id);
  v = (
    await ctx
      .http()
      .post(`/api/v1/cases/${id}/take-in-charge`)
      .set(bearer(operatorToken))
      .send({ version: v })
      .expect(200)
  ).body.version;
  const res = await ctx
    .http()
    .post(`/api/v1/cases/${id}/proposal`)
    .set(bearer(operatorToken))
    .send({ version: v, outcome, reasons: 'Requisiti verificati.' })
    .expect(200);
  expect(res.body.status).toBe('PROPOSED');
  return res.body.version as number;
}
