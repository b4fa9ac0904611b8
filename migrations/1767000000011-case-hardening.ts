import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case hardening.
 * - Duplicates: the one-active-case-per-beneficiary rule becomes per owning account, so a
 *   submission never reveals whether someone else has a case; a beneficiary named in another
 *   account's active case gives a possible-duplicate link (insert-only) that staff who may see
 *   both cases resolve.
 * - Integration answers re-evaluate eligibility: each re-evaluation is a new, dated row;
 *   the submission's eligibility_decisions row stays as it was (insert-only, both).
 * - Four eyes: the account that filed a case never decides it (checked for new decisions).
 */
export class CaseHardening1767000000011 implements MigrationInterface {
  name = 'CaseHardening1767000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX applications_one_active_per_beneficiary;
      CREATE UNIQUE INDEX applications_one_active_per_owner_beneficiary ON applications (measure_id, owner_id, beneficiary_fiscal_code)
        WHERE status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED');
      CREATE INDEX applications_active_beneficiary_idx ON applications (measure_id, beneficiary_fiscal_code)
        WHERE status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED');

      CREATE TABLE application_duplicates (
        application_id uuid NOT NULL REFERENCES applications(id),
        other_application_id uuid NOT NULL REFERENCES applications(id),
        detected_at timestamptz NOT NULL,
        PRIMARY KEY (application_id, other_application_id),
        CHECK (application_id <> other_application_id)
      );
      CREATE INDEX application_duplicates_other_idx ON application_duplicates (other_application_id);
      CREATE TRIGGER application_duplicates_immutable BEFORE UPDATE OR DELETE ON application_duplicates
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE eligibility_reevaluations (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        cause text NOT NULL CHECK (cause IN ('integration_answer')),
        evaluated_at timestamptz NOT NULL,
        application_date date NOT NULL,
        inputs jsonb NOT NULL,
        context jsonb NOT NULL,
        rule_version_hash text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('eligible', 'not_eligible', 'needs_review')),
        explanation jsonb NOT NULL,
        fact_issues jsonb NOT NULL,
        benefit jsonb,
        benefit_error jsonb
      );
      CREATE INDEX eligibility_reevaluations_app_idx ON eligibility_reevaluations (application_id, id);
      CREATE TRIGGER eligibility_reevaluations_immutable BEFORE UPDATE OR DELETE ON eligibility_reevaluations
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      ALTER TABLE applications ADD CONSTRAINT applications_filer_never_decides
        CHECK (decided_by IS NULL OR decided_by <> owner_id) NOT VALID;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications DROP CONSTRAINT applications_filer_never_decides;
      DROP TABLE eligibility_reevaluations, application_duplicates;
      DROP INDEX applications_active_beneficiary_idx;
      DROP INDEX applications_one_active_per_owner_beneficiary;
      CREATE UNIQUE INDEX applications_one_active_per_beneficiary ON applications (measure_id, beneficiary_fiscal_code)
        WHERE status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED');
    `);
  }
}
