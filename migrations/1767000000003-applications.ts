import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applications (cases), their immutable submission and eligibility snapshots, the transition
 * history, sealed-case access records, the gap-free protocol counter and the budget ledger.
 */
export class Applications1767000000003 implements MigrationInterface {
  name = 'Applications1767000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE protocol_counters (
        year integer PRIMARY KEY,
        last_seq bigint NOT NULL CHECK (last_seq >= 0),
        last_received_at timestamptz
      );

      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measures(id),
        measure_version_id uuid REFERENCES measure_versions(id),
        owner_id uuid NOT NULL REFERENCES users(id),
        owner_role text NOT NULL CHECK (owner_role IN ('APPLICANT', 'CAV_OPERATOR')),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','IN_REVIEW','INTEGRATION_REQUESTED','PROPOSED',
          'PRE_REJECTION_NOTICE','APPROVED','WAITLISTED','REJECTED','WITHDRAWN','REVOKED')),
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        sealed boolean NOT NULL DEFAULT false,
        beneficiary_fiscal_code varchar(16),
        residence_istat_code char(6),
        ats_code varchar(3),
        ambito_code varchar(64),
        managing_kind text CHECK (managing_kind IN ('REGION', 'ATS', 'AMBITO')),
        managing_code text,
        procedure_type text CHECK (procedure_type IN ('a_sportello', 'graduatoria', 'in_kind')),
        protocol_year integer,
        protocol_seq bigint,
        -- DPR 445/2000: at least 7 digits, restarting every year; derived, so never edited
        protocol_number text UNIQUE GENERATED ALWAYS AS (
          protocol_year::text || '-' || CASE WHEN protocol_seq >= 1000000 THEN protocol_seq::text ELSE lpad(protocol_seq::text, 7, '0') END
        ) STORED,
        received_at timestamptz,
        received_date date,
        deadline_days integer,
        suspended_days integer NOT NULL DEFAULT 0,
        suspended_since date,
        integration_requested_at timestamptz,
        integration_request jsonb,
        integration_response jsonb,
        pre_rejection_notice jsonb,
        observations jsonb,
        assigned_operator_id uuid REFERENCES users(id),
        proposal jsonb,
        proposed_by uuid REFERENCES users(id),
        decision jsonb,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        amount_cents bigint CHECK (amount_cents >= 0),
        funding text NOT NULL DEFAULT 'none' CHECK (funding IN ('none', 'reserved', 'queued')),
        reserved_amount bigint NOT NULL DEFAULT 0 CHECK (reserved_amount >= 0),
        recovery_amount_cents bigint CHECK (recovery_amount_cents >= 0),
        submit_idempotency_key text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (protocol_year, protocol_seq),
        UNIQUE (owner_id, submit_idempotency_key),
        CHECK (status = 'DRAFT' OR (protocol_number IS NOT NULL AND received_at IS NOT NULL AND measure_version_id IS NOT NULL)),
        -- four eyes: who proposed never decides
        CHECK (decided_by IS NULL OR proposed_by IS NULL OR decided_by <> proposed_by)
      );
      -- At most one active application per beneficiary per measure (edition).
      -- Once registered, the protocol entry of a case never changes.
      CREATE FUNCTION forbid_protocol_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.protocol_seq IS NOT NULL AND (NEW.protocol_seq IS DISTINCT FROM OLD.protocol_seq
            OR NEW.protocol_year IS DISTINCT FROM OLD.protocol_year OR NEW.received_at IS DISTINCT FROM OLD.received_at) THEN
          RAISE EXCEPTION 'the protocol entry of application % cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER applications_protocol_immutable BEFORE UPDATE ON applications
        FOR EACH ROW EXECUTE FUNCTION forbid_protocol_change();
      CREATE UNIQUE INDEX applications_one_active_per_beneficiary ON applications (measure_id, beneficiary_fiscal_code)
        WHERE status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED');
      CREATE INDEX applications_owner_idx ON applications (owner_id, created_at DESC);
      CREATE INDEX applications_queue_idx ON applications (status, measure_id);
      CREATE INDEX applications_ats_idx ON applications (ats_code) WHERE status <> 'DRAFT';
      CREATE INDEX applications_ambito_idx ON applications (ambito_code) WHERE status <> 'DRAFT';
      CREATE INDEX applications_funding_queue_idx ON applications (measure_id, protocol_year, protocol_seq) WHERE funding = 'queued';

      CREATE TABLE application_snapshots (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        measure_version_id uuid NOT NULL REFERENCES measure_versions(id),
        measure_content_hash text NOT NULL,
        submitted_data jsonb NOT NULL,
        document_hashes jsonb NOT NULL DEFAULT '[]'::jsonb,
        -- required documents not attached at submission: asked for by soccorso istruttorio
        missing_documents jsonb NOT NULL DEFAULT '[]'::jsonb
      );

      CREATE TABLE eligibility_decisions (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
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

      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER application_snapshots_immutable BEFORE UPDATE OR DELETE ON application_snapshots
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
      CREATE TRIGGER eligibility_decisions_immutable BEFORE UPDATE OR DELETE ON eligibility_decisions
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE application_transitions (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        from_status text,
        to_status text NOT NULL,
        event text NOT NULL,
        actor_id uuid REFERENCES users(id),
        actor_role text NOT NULL,
        reason text,
        details jsonb,
        at timestamptz NOT NULL
      );
      CREATE INDEX application_transitions_app_idx ON application_transitions (application_id, id);
      CREATE TRIGGER application_transitions_immutable BEFORE UPDATE OR DELETE ON application_transitions
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE application_access_log (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_role text NOT NULL,
        action text NOT NULL,
        request_id text,
        at timestamptz NOT NULL
      );
      CREATE INDEX application_access_log_app_idx ON application_access_log (application_id, id);
      CREATE TRIGGER application_access_log_immutable BEFORE UPDATE OR DELETE ON application_access_log
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE budget_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measures(id),
        unit text NOT NULL CHECK (unit IN ('cents', 'units')),
        total bigint NOT NULL CHECK (total >= 0),
        reserved bigint NOT NULL DEFAULT 0,
        -- never over-committed, whatever the concurrency: the database refuses it
        CHECK (reserved >= 0 AND reserved <= total),
        UNIQUE (measure_id)
      );
      CREATE TABLE budget_movements (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES budget_accounts(id),
        application_id uuid REFERENCES applications(id),
        kind text NOT NULL CHECK (kind IN ('reserve', 'release', 'increase')),
        amount bigint NOT NULL CHECK (amount > 0),
        reserved_after bigint NOT NULL,
        total_after bigint NOT NULL,
        actor_id uuid REFERENCES users(id),
        reason text,
        at timestamptz NOT NULL
      );
      CREATE INDEX budget_movements_account_idx ON budget_movements (account_id, id);
      CREATE TRIGGER budget_movements_immutable BEFORE UPDATE OR DELETE ON budget_movements
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE budget_movements, budget_accounts, application_access_log, application_transitions,
        eligibility_decisions, application_snapshots, applications, protocol_counters;
      DROP FUNCTION forbid_change();
      DROP FUNCTION forbid_protocol_change();
    `);
  }
}
