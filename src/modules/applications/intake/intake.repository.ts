import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../../common/database/sql.js';
import type { Application } from '../application.entity.js';

/** Intake's SQL; rows come back camelCase (aliased in SQL). */

/**
 * The account's open drafts, counted after taking a transaction lock on the account's draft
 * creations: concurrent creations run one at a time, so they cannot pass the bound together.
 */
export async function lockedOpenDrafts(em: EntityManager, ownerId: string): Promise<number> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('drafts:' || $1::text, 0))`, [ownerId]);
  const [{ open }] = await sqlRows<{ open: number }>(
    em,
    `SELECT count(*)::int AS open FROM applications WHERE owner_id = $1 AND status = 'DRAFT'`,
    [ownerId],
  );
  return open;
}

/**
 * The responsabile del procedimento: the first active MANAGER (by surname) whose scope covers
 * the office handling the case; a regional measure is handled by the ATS of residence.
 */
export async function officerInCharge(
  em: EntityManager,
  app: Pick<Application, 'managingKind' | 'managingCode' | 'atsCode'>,
): Promise<string | null> {
  const code = app.managingKind === 'REGION' ? app.atsCode : app.managingCode;
  if (!code) return null;
  const [row] = await sqlRows<{ name: string }>(
    em,
    `SELECT u.first_name || ' ' || u.last_name AS name FROM users u JOIN user_scopes s ON s.user_id = u.id
      WHERE 'MANAGER' = ANY(u.roles) AND u.disabled_at IS NULL
        AND (CASE WHEN $2 THEN s.ambito_code ELSE s.ats_code END) = $1
      ORDER BY u.last_name, u.id LIMIT 1`,
    [code, app.managingKind === 'AMBITO'],
  );
  return row?.name ?? null;
}

/**
 * The other active cases naming the same beneficiary for the same measure, in protocol order,
 * under a transaction lock on that pair: two submissions for one beneficiary run one after the
 * other, so the second always sees the first.
 */
export async function lockedActiveCasesFor(
  em: EntityManager,
  app: Pick<Application, 'id' | 'measureId'>,
  beneficiary: string,
): Promise<{ id: string; ownerId: string }[]> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('beneficiary:' || $1::text || ':' || $2::text, 0))`, [
    app.measureId,
    beneficiary,
  ]);
  return sqlRows<{ id: string; ownerId: string }>(
    em,
    `SELECT id, owner_id AS "ownerId" FROM applications
      WHERE measure_id = $1 AND beneficiary_fiscal_code = $2 AND id <> $3 AND status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED')
      ORDER BY protocol_year, protocol_seq`,
    [app.measureId, beneficiary, app.id],
  );
}

/** Links a registered case to other cases as possible duplicates. */
export async function insertDuplicateLinks(
  em: EntityManager,
  applicationId: string,
  others: readonly string[],
  at: Date,
): Promise<void> {
  await em.query(
    `INSERT INTO application_duplicates (application_id, other_application_id, detected_at) SELECT $1, unnest($2::uuid[]), $3`,
    [applicationId, others, at],
  );
}
