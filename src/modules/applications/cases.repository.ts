import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../common/database/sql.js';
import { inForceForMeasure } from '../measures/measure-versions.repository.js';
import { MeasureVersion } from '../measures/measure-version.entity.js';
import type { EligibilityEvaluation, StoredContext } from '../measures/domain/index.js';
import { applicationNotFound, staleCase } from './cases.errors.js';
import { Application } from './application.entity.js';
import { staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from './case-access.js';
import type { Principal } from '../../common/access/principal.js';

/**
 * The reads of a case that every feature makes: found if the caller may reach it (404
 * otherwise, whatever the reason: a case one may not see does not exist for them), locked for
 * a command, and the measure version it is judged by.
 */

/**
 * Of these case ids, the ones the caller may see as staff (territory and sealed rules), with
 * their protocol numbers, in protocol order; the others are left out, as if they did not exist.
 */
export async function visibleProtocolNumbers(
  em: EntityManager,
  actor: Principal,
  ids: readonly string[],
): Promise<{ id: string; protocolNumber: string | null }[]> {
  if (ids.length === 0) return [];
  const rows = await em
    .getRepository(Application)
    .createQueryBuilder('a')
    .select(['a.id', 'a.protocolNumber'])
    .where('a.id = ANY(:ids)', { ids })
    .andWhere(VISIBLE_TO_STAFF_SQL, staffVisibilityParams(actor))
    .orderBy('a.protocol_year', 'ASC')
    .addOrderBy('a.protocol_seq', 'ASC')
    .getMany();
  return rows.map((a) => ({ id: a.id, protocolNumber: a.protocolNumber }));
}

/** The case, or null; for callers that decide access themselves. */
export const findCase = (em: EntityManager, id: string): Promise<Application | null> =>
  em.findOneBy(Application, { id });

/** The case, if the caller may reach it; 404 otherwise. */
export async function findReachable(
  em: EntityManager,
  id: string,
  mayReach: (app: Application) => boolean,
): Promise<Application> {
  const app = await findCase(em, id);
  if (!app || !mayReach(app)) throw applicationNotFound();
  return app;
}

/** The cases linked to this one as possible duplicates (either way), in protocol order. */
export async function duplicatesOf(em: EntityManager, id: string): Promise<Application[]> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `SELECT other_application_id AS id FROM application_duplicates WHERE application_id = $1
     UNION SELECT application_id FROM application_duplicates WHERE other_application_id = $1`,
    [id],
  );
  if (rows.length === 0) return [];
  return em
    .getRepository(Application)
    .createQueryBuilder('a')
    .where('a.id = ANY(:ids)', { ids: rows.map((r) => r.id) })
    .orderBy('a.protocol_year')
    .addOrderBy('a.protocol_seq')
    .getMany();
}

/** The case under a row lock, or null; for callers that decide access themselves (the system). */
export const findLocked = (em: EntityManager, id: string): Promise<Application | null> =>
  em.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });

/**
 * The case under a row lock, if the caller may reach it (404 otherwise, whatever the reason)
 * and, when a version is given, unchanged since the caller read it (409). Lock order: a budget
 * account first, then cases.
 */
export async function lockCase(
  em: EntityManager,
  id: string,
  mayReach: (app: Application) => boolean,
  expectedVersion?: number,
): Promise<Application> {
  const app = await findLocked(em, id);
  if (!app || !mayReach(app)) throw applicationNotFound();
  if (expectedVersion !== undefined && app.version !== expectedVersion) throw staleCase();
  return app;
}

/** The version a submitted case was frozen with (in force at its submission). */
export const submittedVersionOf = (em: EntityManager, app: Application): Promise<MeasureVersion> =>
  em.findOneByOrFail(MeasureVersion, { id: app.measureVersionId! });

/**
 * The version a case is judged by: the one it was submitted under; for a draft, the one in
 * force now (null if none).
 */
export const versionFor = (em: EntityManager, app: Application, now: Date): Promise<MeasureVersion | null> =>
  app.measureVersionId
    ? em.findOneBy(MeasureVersion, { id: app.measureVersionId })
    : inForceForMeasure(em, app.measureId, now);

/** A re-evaluation of a case's eligibility (after an integration answer corrected its data). */
export interface ReevaluationRow {
  cause: string;
  evaluatedAt: Date;
  outcome: string;
  explanation: unknown[];
  benefit: Record<string, unknown> | null;
  ruleVersionHash: string;
}

/** The case's re-evaluations, oldest first (the submission's own is its EligibilityDecision). */
export const reevaluationsOf = (em: EntityManager, id: string): Promise<ReevaluationRow[]> =>
  sqlRows<ReevaluationRow>(
    em,
    `SELECT cause, evaluated_at AS "evaluatedAt", outcome, explanation, benefit, rule_version_hash AS "ruleVersionHash"
       FROM eligibility_reevaluations WHERE application_id = $1 ORDER BY id`,
    [id],
  );

/** A new dated eligibility snapshot of a case; the submission's stays as it was. */
export async function insertReevaluation(
  em: EntityManager,
  r: {
    applicationId: string;
    cause: string;
    evaluatedAt: Date;
    applicationDate: string;
    inputs: Record<string, unknown>;
    context: StoredContext;
    ruleVersionHash: string;
    evaluation: EligibilityEvaluation;
    benefit: unknown;
    benefitError: unknown;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO eligibility_reevaluations (application_id, cause, evaluated_at, application_date, inputs, context, rule_version_hash, outcome, explanation, fact_issues, benefit, benefit_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      r.applicationId,
      r.cause,
      r.evaluatedAt,
      r.applicationDate,
      r.inputs,
      r.context,
      r.ruleVersionHash,
      r.evaluation.outcome,
      JSON.stringify(r.evaluation.rules),
      JSON.stringify(r.evaluation.factIssues),
      r.benefit,
      r.benefitError,
    ],
  );
}
