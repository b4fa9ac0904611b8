import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { APPROVED_AFTER_INTEGRATION } from './case-fixtures.js';

/**
 * The invariant of case-transitions.ts: every row of application_transitions has its
 * `application.transitioned` entry in the hash-chained audit log, naming the transition's id
 * (a graduatoria's publication included: one entry per case, written in the same statement).
 * Returns the events the file's flows produced, so each file can pin the ones it drives.
 */
export async function expectEveryTransitionAudited(db: DataSource): Promise<string[]> {
  const orphans = await db.query(
    `SELECT t.id, t.event, t.application_id FROM application_transitions t
       LEFT JOIN audit_log l ON l.action = 'application.transitioned' AND l.target_id = t.application_id::text AND l.change->>'transitionId' = t.id::text
      WHERE l.seq IS NULL`,
  );
  expect(orphans).toEqual([]);
  const [{ doubles }] = await db.query(
    `SELECT count(*)::int AS doubles FROM (SELECT change->>'transitionId' FROM audit_log WHERE action = 'application.transitioned' GROUP BY 1 HAVING count(*) > 1) d`,
  );
  expect(doubles).toBe(0);
  const rows = (await db.query(`SELECT DISTINCT event FROM application_transitions ORDER BY event`)) as {
    event: string;
  }[];
  return rows.map((r) => r.event);
}

/**
 * A file's closing check: the invariant over every transition its flows wrote, and the events
 * those flows must have produced (so a flow that stopped moving cases fails too).
 */
export function describeAuditTrail(db: () => DataSource, events: readonly string[]) {
  describe('the audit trail', () => {
    it('every transition these flows wrote has its hash-chained audit entry', async () => {
      expect(await expectEveryTransitionAudited(db())).toEqual(expect.arrayContaining([...events]));
    });
  });
}

/**
 * The events of the office's path from submission to decision, one integration included
 * (approve and reject): most case files drive all of them and add their own to the list.
 */
export const OFFICE_PATH_EVENTS = [...APPROVED_AFTER_INTEGRATION, 'decide_reject'] as const;
