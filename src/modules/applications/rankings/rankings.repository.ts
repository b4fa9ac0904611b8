import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../../common/database/sql.js';
import type { StoredContext } from '../../measures/domain/index.js';
import type { Funding } from '../application.entity.js';
import type { ApplicationStatus } from '../domain/application-status.js';
import type { RankingDto, RankingEntryDto, RankingPositionDto } from './rankings.dto.js';

/**
 * The graduatorie's SQL. Rows come back camelCase (aliased in SQL); a graduatoria may hold
 * 100,000 cases, so reads take only the columns the ranking needs and writes are set-based
 * (one statement per table, whatever the number of cases).
 */

/** What the ranking reads of a case. */
export interface RankingCandidate {
  id: string;
  status: ApplicationStatus;
  /** The officer's proposal: 'approve' admits the case to the ranking. */
  outcome: string | null;
  reasons: string | null;
  proposedBy: string | null;
  ownerId: string;
  protocolNumber: string;
  protocolYear: number | null;
  protocolSeq: string | null;
  amountCents: string | null;
  atsCode: string | null;
  ambitoCode: string | null;
  funding: Funding;
}

/**
 * The measure's cases in the given statuses, in protocol order; `forUpdate` locks them (the
 * publication: lock order as everywhere, the budget account first, then the cases).
 */
export const rankingCandidates = (
  em: EntityManager,
  measureId: string,
  statuses: readonly ApplicationStatus[],
  { forUpdate }: { forUpdate: boolean },
): Promise<RankingCandidate[]> =>
  sqlRows<RankingCandidate>(
    em,
    `SELECT id, status, proposal->>'outcome' AS outcome, proposal->>'reasons' AS reasons, proposed_by AS "proposedBy",
            owner_id AS "ownerId", protocol_number AS "protocolNumber", protocol_year AS "protocolYear",
            protocol_seq AS "protocolSeq", amount_cents AS "amountCents", ats_code AS "atsCode",
            ambito_code AS "ambitoCode", funding
       FROM applications WHERE measure_id = $1 AND status = ANY($2::text[])
      ORDER BY protocol_year, protocol_seq${forUpdate ? ' FOR UPDATE' : ''}`,
    [measureId, statuses],
  );

/** The id of the measure's published ranking, if any (a measure has at most one). */
export async function rankingIdOfMeasure(em: EntityManager, measureId: string): Promise<string | null> {
  const [row] = await sqlRows<{ id: string }>(em, `SELECT id FROM rankings WHERE measure_id = $1`, [measureId]);
  return row?.id ?? null;
}

/** Whether the ranking exists and belongs to the measure with this code. */
export async function rankingBelongsTo(em: EntityManager, id: string, measureCode: string): Promise<boolean> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `SELECT r.id FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1 AND m.code = $2`,
    [id, measureCode],
  );
  return rows.length > 0;
}

/** A case's latest eligibility snapshot: the submission's, or the last re-evaluation's. */
export interface EligibilitySnapshot {
  applicationId: string;
  inputs: Record<string, unknown>;
  context: StoredContext;
  applicationDate: string;
}

/**
 * The latest eligibility snapshot of each case: the submission's, or the last re-evaluation
 * after an integration answer corrected the data.
 */
export const latestSnapshots = (em: EntityManager, ids: readonly string[]): Promise<EligibilitySnapshot[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : sqlRows<EligibilitySnapshot>(
        em,
        `SELECT e.application_id AS "applicationId", coalesce(r.inputs, e.inputs) AS inputs,
                coalesce(r.context, e.context) AS context, e.application_date::text AS "applicationDate"
           FROM eligibility_decisions e
           LEFT JOIN LATERAL (SELECT inputs, context FROM eligibility_reevaluations x
                               WHERE x.application_id = e.application_id ORDER BY x.id DESC LIMIT 1) r ON true
          WHERE e.application_id = ANY($1)`,
        [ids],
      );

/** The ranking's own row, as published. */
export interface NewRanking {
  measureId: string;
  measureVersionId: string;
  criteria: unknown;
  quotas: unknown;
  unit: 'cents' | 'units';
  available: number;
  population: number;
  funded: number;
  waitlisted: number;
  notAdmitted: number;
  publishedBy: string;
  publishedAt: Date;
}

/** Inserts the ranking (frozen from then on: the database refuses any change); its id. */
export async function insertRanking(em: EntityManager, r: NewRanking): Promise<string> {
  const [{ id }] = await sqlRows<{ id: string }>(
    em,
    `INSERT INTO rankings (measure_id, measure_version_id, criteria, quotas, unit, available, population, funded, waitlisted, not_admitted, published_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      r.measureId,
      r.measureVersionId,
      JSON.stringify(r.criteria),
      JSON.stringify(r.quotas),
      r.unit,
      r.available,
      r.population,
      r.funded,
      r.waitlisted,
      r.notAdmitted,
      r.publishedBy,
      r.publishedAt,
    ],
  );
  return id;
}

/** One entry of a ranking. */
export interface NewRankingEntry {
  applicationId: string;
  position: number | null;
  status: 'funded' | 'waitlisted' | 'not_admitted';
  amount: number | null;
  quota: string | null;
  sortKeys: Record<string, unknown>;
}

/** Inserts the entries in the order given (WITH ORDINALITY), so serial ids follow it. */
export async function insertEntries(
  em: EntityManager,
  rankingId: string,
  entries: readonly NewRankingEntry[],
): Promise<void> {
  await em.query(
    `INSERT INTO ranking_entries (ranking_id, application_id, position, status, amount, quota, sort_keys)
     SELECT $1, u.id, u.position, u.status, u.amount, u.quota, u.sort_keys
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[]) WITH ORDINALITY AS u(id, position, status, amount, quota, sort_keys, ord)
      ORDER BY u.ord`,
    [
      rankingId,
      entries.map((e) => e.applicationId),
      entries.map((e) => e.position),
      entries.map((e) => e.status),
      entries.map((e) => e.amount),
      entries.map((e) => e.quota),
      entries.map((e) => JSON.stringify(e.sortKeys)),
    ],
  );
}

/** The decision a ranking writes on one case (its status moves apart, through CaseTransitions). */
export interface RankingDecision {
  applicationId: string;
  to: ApplicationStatus;
  reasons: string;
  position: number | null;
  quota: string | null;
  funding: Funding;
  /** The amount reserved for a funded case; null otherwise. */
  reservedAmount: number | null;
}

/**
 * Writes the ranking's decision on its cases in one UPDATE: funding, reserved amount, queue
 * position (waitlisted), the decision document naming the ranking, who decided and when.
 */
export async function writeDecisions(
  em: EntityManager,
  rankingId: string,
  decisions: readonly RankingDecision[],
  { appeal, decidedBy, decidedAt }: { appeal: unknown; decidedBy: string; decidedAt: Date },
): Promise<void> {
  if (decisions.length === 0) return;
  await em.query(
    `UPDATE applications a SET
       funding = u.funding,
       reserved_amount = CASE WHEN u.to_status = 'APPROVED' THEN u.amount ELSE a.reserved_amount END,
       queue_position = CASE WHEN u.to_status = 'WAITLISTED' THEN u.position ELSE a.queue_position END,
       decision = jsonb_build_object(
         'outcome', u.to_status, 'reasons', u.reasons, 'observationsAssessment', NULL, 'appeal', $8::jsonb,
         'amountCents', CASE WHEN u.to_status = 'APPROVED' THEN a.amount_cents END, 'decidedAt', $9::text,
         'ranking', jsonb_build_object('rankingId', $10::uuid, 'position', u.position, 'quota', u.quota)),
       decided_by = $11, decided_at = $12, suspended_since = NULL
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bigint[]) AS u(id, to_status, reasons, position, quota, funding, amount)
     WHERE a.id = u.id`,
    [
      decisions.map((d) => d.applicationId),
      decisions.map((d) => d.to),
      decisions.map((d) => d.reasons),
      decisions.map((d) => d.position),
      decisions.map((d) => d.quota),
      decisions.map((d) => d.funding),
      decisions.map((d) => d.reservedAmount),
      JSON.stringify(appeal),
      decidedAt.toISOString(),
      rankingId,
      decidedBy,
      decidedAt,
    ],
  );
}

/** A published ranking with its entries (ranking order, then the not admitted in protocol order). */
export async function rankingView(em: EntityManager, id: string): Promise<RankingDto | null> {
  const [ranking] = await sqlRows<Omit<RankingDto, 'entries'>>(
    em,
    `SELECT r.id, m.code AS "measureCode", r.measure_version_id AS "measureVersionId", r.criteria, r.quotas, r.unit, r.available::float8 AS available,
            r.population, r.funded, r.waitlisted, r.not_admitted AS "notAdmitted", r.published_by AS "publishedBy", r.published_at AS "publishedAt"
       FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1`,
    [id],
  );
  if (!ranking) return null;
  const entries = await sqlRows<RankingEntryDto>(
    em,
    `SELECT e.position, e.application_id AS "applicationId", a.protocol_number AS "protocolNumber", e.status, e.amount::float8 AS amount, e.quota,
            e.sort_keys AS "sortKeys", a.status AS "caseStatus"
       FROM ranking_entries e JOIN applications a ON a.id = e.application_id
      WHERE e.ranking_id = $1 ORDER BY e.position ASC NULLS LAST, a.protocol_year, a.protocol_seq`,
    [id],
  );
  return { ...ranking, entries };
}

/** A case's entry in its published ranking, if any (without the case's status). */
export async function entryOf(
  em: EntityManager,
  applicationId: string,
): Promise<Omit<RankingPositionDto, 'caseStatus'> | null> {
  const [entry] = await sqlRows<Omit<RankingPositionDto, 'caseStatus'>>(
    em,
    `SELECT e.ranking_id AS "rankingId", r.published_at AS "publishedAt", e.position, r.population AS "rankedApplications", e.status, e.amount::float8 AS amount
       FROM ranking_entries e JOIN rankings r ON r.id = e.ranking_id WHERE e.application_id = $1`,
    [applicationId],
  );
  return entry ?? null;
}
