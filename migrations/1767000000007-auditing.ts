import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auditing: indexes for the auditors' decision search (keyset on (received_at, id)), the
 * disclosures that unlock a decision's clear data for one auditor for a limited time, and the
 * Region's indicators with configurable baseline and 2027 target.
 */
export class Auditing1767000000007 implements MigrationInterface {
  name = 'Auditing1767000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX applications_audit_received_idx ON applications (received_at, id) WHERE status <> 'DRAFT';
      CREATE INDEX applications_audit_measure_idx ON applications (measure_id, received_at, id) WHERE status <> 'DRAFT';
      CREATE INDEX applications_audit_decided_idx ON applications (decided_at) WHERE decided_at IS NOT NULL;
      CREATE INDEX applications_audit_proposed_by_idx ON applications (proposed_by) WHERE proposed_by IS NOT NULL;
      CREATE INDEX applications_audit_decided_by_idx ON applications (decided_by) WHERE decided_by IS NOT NULL;
      CREATE INDEX applications_audit_amount_idx ON applications (amount_cents) WHERE amount_cents IS NOT NULL;

      CREATE TABLE auditor_disclosures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        auditor_id uuid NOT NULL REFERENCES users(id),
        justification text NOT NULL CHECK (length(justification) >= 10),
        granted_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > granted_at)
      );
      CREATE INDEX auditor_disclosures_lookup_idx ON auditor_disclosures (auditor_id, application_id, expires_at DESC);
      CREATE TRIGGER auditor_disclosures_immutable BEFORE UPDATE OR DELETE ON auditor_disclosures
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE indicator_targets (
        code text PRIMARY KEY,
        label text NOT NULL,
        metric text NOT NULL CHECK (metric IN ('applications', 'beneficiaries', 'womenWithMinorsShare')),
        unit text NOT NULL CHECK (unit IN ('count', 'percent')),
        measure_codes text[] NOT NULL,
        baseline numeric,
        target_2027 numeric,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      );
      INSERT INTO indicator_targets (code, label, metric, unit, measure_codes, baseline, target_2027) VALUES
        ('DISABILITY_HOME_CARE', 'N. persone con disabilità destinatarie di interventi a sostegno del mantenimento al domicilio', 'beneficiaries', 'count', ARRAY['B1-FNA-2025', 'B2-FNA-2025-SEREGNO'], 33000, 35000),
        ('CHILDCARE_FAMILIES', 'N. nuclei familiari sostenuti nell''accesso ai servizi per l''infanzia', 'beneficiaries', 'count', ARRAY['NIDI-GRATIS-PLUS-2024-25'], 7000, 20000),
        ('CARE_FAMILIES', 'N. nuclei familiari che accedono ad interventi a supporto delle responsabilità di cura e assistenza', 'beneficiaries', 'count', ARRAY['BONUS-ASSISTENTI-FAMILIARI'], 6000, 12000),
        ('VIOLENCE_WOMEN_WITH_MINORS', 'N. prese in carico di donne con minori / n. prese in carico', 'womenWithMinorsShare', 'percent', ARRAY['ALER-VIOLENZA'], 50, 50);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE indicator_targets, auditor_disclosures;
      DROP INDEX applications_audit_received_idx, applications_audit_measure_idx, applications_audit_decided_idx,
        applications_audit_proposed_by_idx, applications_audit_decided_by_idx, applications_audit_amount_idx;
    `);
  }
}
