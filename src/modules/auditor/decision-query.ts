import { AuditorErrors } from './auditor.errors.js';
import type { DecisionFiltersDto } from './auditor.dto.js';
import { REVEALS_HEALTH_OR_HARDSHIP_SQL } from './health-or-hardship.js';

/** The columns of a decision row in search results and in the CSV export (no form data). */
export const DECISION_COLUMNS = `
  a.id, a.protocol_number, m.code AS measure_code, v.version AS measure_version, a.status,
  to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_key,
  a.received_at, a.decided_at, e.outcome AS eligibility, e.rule_version_hash,
  a.amount_cents, a.ats_code, a.ambito_code, a.proposed_by, a.decided_by, a.sealed,
  a.beneficiary_fiscal_code, ${REVEALS_HEALTH_OR_HARDSHIP_SQL} AS reveals_health_or_hardship`;

export const DECISION_FROM = `
  FROM applications a
  JOIN eligibility_decisions e ON e.application_id = a.id
  JOIN measures m ON m.id = a.measure_id
  JOIN measure_versions v ON v.id = a.measure_version_id`;

export interface DecisionRow {
  id: string;
  protocol_number: string;
  measure_code: string;
  measure_version: number;
  status: string;
  received_key: string;
  received_at: Date;
  decided_at: Date | null;
  eligibility: string;
  rule_version_hash: string;
  amount_cents: string | null;
  ats_code: string | null;
  ambito_code: string | null;
  proposed_by: string | null;
  decided_by: string | null;
  sealed: boolean;
  beneficiary_fiscal_code: string | null;
  reveals_health_or_hardship: boolean;
}

export interface Cursor {
  receivedAt: string;
  id: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(`${c.receivedAt}|${c.id}`).toString('base64url');

export function decodeCursor(after: string): Cursor {
  const [receivedAt, id] = Buffer.from(after, 'base64url').toString().split('|');
  if (!receivedAt || !id || Number.isNaN(Date.parse(receivedAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw AuditorErrors.invalidCursor();
  }
  return { receivedAt, id };
}

/** WHERE clause and parameters for the filters; keyset order is (received_at, id). */
export function decisionWhere(f: DecisionFiltersDto, after?: Cursor): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [`a.status <> 'DRAFT'`];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.measureCode) conds.push(`m.code = ${p(f.measureCode)}`);
  if (f.measureVersion) conds.push(`v.version = ${p(f.measureVersion)}`);
  if (f.receivedFrom) conds.push(`a.received_at >= ${p(f.receivedFrom)}`);
  if (f.receivedTo) conds.push(`a.received_at < ${p(f.receivedTo)}`);
  if (f.decidedFrom) conds.push(`a.decided_at >= ${p(f.decidedFrom)}`);
  if (f.decidedTo) conds.push(`a.decided_at < ${p(f.decidedTo)}`);
  if (f.atsCode) conds.push(`a.ats_code = ${p(f.atsCode)}`);
  if (f.ambitoCode) conds.push(`a.ambito_code = ${p(f.ambitoCode)}`);
  if (f.status) conds.push(`a.status = ${p(f.status)}`);
  if (f.eligibility) conds.push(`e.outcome = ${p(f.eligibility)}`);
  if (f.proposedBy) conds.push(`a.proposed_by = ${p(f.proposedBy)}`);
  if (f.decidedBy) conds.push(`a.decided_by = ${p(f.decidedBy)}`);
  if (f.minAmountCents !== undefined) conds.push(`a.amount_cents >= ${p(f.minAmountCents)}`);
  if (f.maxAmountCents !== undefined) conds.push(`a.amount_cents <= ${p(f.maxAmountCents)}`);
  if (after) conds.push(`(a.received_at, a.id) > (${p(after.receivedAt)}::timestamptz, ${p(after.id)}::uuid)`);
  return { where: `WHERE ${conds.join(' AND ')}`, params };
}

/** One keyset page of decision rows, in (received_at, id) order. */
export function decisionPageSql(f: DecisionFiltersDto, limit: number, after?: Cursor) {
  const { where, params } = decisionWhere(f, after);
  params.push(limit);
  return {
    sql: `SELECT ${DECISION_COLUMNS} ${DECISION_FROM} ${where} ORDER BY a.received_at, a.id LIMIT $${params.length}`,
    params,
  };
}
