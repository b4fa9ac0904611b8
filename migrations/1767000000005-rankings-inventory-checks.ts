import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Graduatorie (frozen rankings and their entries, the queue position they give waitlisted
 * cases), the ALER flats inventory and its allocations, and the art. 71 DPR 445/2000 check
 * samples and outcomes. Rankings, allocations, samples and outcomes are insert-only: the
 * forbid_change() trigger of the applications migration refuses UPDATE and DELETE.
 */
export class RankingsInventoryChecks1767000000005 implements MigrationInterface {
  name = 'RankingsInventoryChecks1767000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Scorrimento order: set from the published ranking for graduatoria cases; NULL (a sportello,
      -- in kind) keeps protocol order.
      ALTER TABLE applications ADD COLUMN queue_position integer CHECK (queue_position > 0);
      DROP INDEX applications_funding_queue_idx;
      CREATE INDEX applications_funding_queue_idx ON applications (measure_id, queue_position, protocol_year, protocol_seq) WHERE funding = 'queued';

      CREATE TABLE rankings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL UNIQUE REFERENCES measures(id),
        measure_version_id uuid NOT NULL REFERENCES measure_versions(id),
        criteria jsonb NOT NULL,
        quotas jsonb NOT NULL,
        unit text NOT NULL CHECK (unit IN ('cents', 'units')),
        available bigint NOT NULL CHECK (available >= 0),
        population integer NOT NULL CHECK (population >= 0),
        funded integer NOT NULL,
        waitlisted integer NOT NULL,
        not_admitted integer NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        published_at timestamptz NOT NULL
      );
      CREATE TABLE ranking_entries (
        ranking_id uuid NOT NULL REFERENCES rankings(id),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        position integer CHECK (position > 0),
        status text NOT NULL CHECK (status IN ('funded', 'waitlisted', 'not_admitted')),
        amount bigint CHECK (amount >= 0),
        quota text,
        sort_keys jsonb NOT NULL,
        PRIMARY KEY (ranking_id, application_id),
        UNIQUE (ranking_id, position),
        CHECK ((status = 'not_admitted') = (position IS NULL))
      );
      CREATE TRIGGER rankings_frozen BEFORE UPDATE OR DELETE ON rankings FOR EACH ROW EXECUTE FUNCTION forbid_change();
      CREATE TRIGGER ranking_entries_frozen BEFORE UPDATE OR DELETE ON ranking_entries FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE flats (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measures(id),
        province char(2) NOT NULL CHECK (province ~ '^[A-Z]{2}$'),
        aler_reference text NOT NULL,
        -- sealed: shown in full only to whoever allocates it; masked in lists
        address text NOT NULL,
        status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'allocated')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        UNIQUE (measure_id, aler_reference)
      );
      CREATE INDEX flats_available_idx ON flats (measure_id, province, created_at) WHERE status = 'available';
      CREATE TABLE flat_allocations (
        id bigserial PRIMARY KEY,
        -- a flat is never allocated twice; one placement per case and per woman
        flat_id uuid NOT NULL UNIQUE REFERENCES flats(id),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        beneficiary_fiscal_code varchar(16) NOT NULL UNIQUE,
        allocated_by uuid NOT NULL REFERENCES users(id),
        allocated_at timestamptz NOT NULL
      );
      CREATE TRIGGER flat_allocations_immutable BEFORE UPDATE OR DELETE ON flat_allocations FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE check_samples (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measures(id),
        seed text NOT NULL,
        requested jsonb NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        population integer NOT NULL CHECK (population >= size),
        -- sha256 of the population's ids in protocol order: the draw can be re-run and compared
        population_hash text NOT NULL,
        application_ids uuid[] NOT NULL,
        drawn_by uuid NOT NULL REFERENCES users(id),
        drawn_at timestamptz NOT NULL
      );
      CREATE INDEX check_samples_measure_idx ON check_samples (measure_id, drawn_at);
      CREATE INDEX check_samples_apps_idx ON check_samples USING gin (application_ids);
      CREATE TABLE check_outcomes (
        id bigserial PRIMARY KEY,
        sample_id uuid NOT NULL REFERENCES check_samples(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        outcome text NOT NULL CHECK (outcome IN ('passed', 'failed')),
        notes text NOT NULL,
        recovery_amount_cents bigint CHECK (recovery_amount_cents >= 0),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        UNIQUE (sample_id, application_id)
      );
      CREATE TRIGGER check_samples_immutable BEFORE UPDATE OR DELETE ON check_samples FOR EACH ROW EXECUTE FUNCTION forbid_change();
      CREATE TRIGGER check_outcomes_immutable BEFORE UPDATE OR DELETE ON check_outcomes FOR EACH ROW EXECUTE FUNCTION forbid_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE check_outcomes, check_samples, flat_allocations, flats, ranking_entries, rankings;
      DROP INDEX applications_funding_queue_idx;
      ALTER TABLE applications DROP COLUMN queue_position;
      CREATE INDEX applications_funding_queue_idx ON applications (measure_id, protocol_year, protocol_seq) WHERE funding = 'queued';
    `);
  }
}
